pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Window
import Kiosk

// The kiosk's one window: the screen of the current step above the on-screen keyboard, and the
// "still there?" question over everything. All state lives in the Python controllers.
Window {
    id: root

    required property Session session
    required property IdleWatch idle
    required property AdminController admin
    required property CrashNotice crashNotice
    required property bool fullScreen
    required property bool largeText

    width: root.fullScreen ? Screen.width : 1280
    height: root.fullScreen ? Screen.height : 800
    visible: true
    visibility: root.fullScreen ? Window.FullScreen : Window.Windowed
    color: Theme.background
    title: qsTr("Write a letter")

    Binding {
        target: Theme
        property: "scale"
        value: Math.min(Math.max(root.width, root.height) / 1280, Math.min(root.width, root.height) / 800)
    }
    Binding { target: Theme; property: "textScale"; value: root.largeText ? 1.25 : 1.0 }
    Binding { target: Theme; property: "portrait"; value: root.height > root.width }

    // The keyboard belongs to the field being typed in, never to a screen: every change of step
    // (a reset too) and admin mode opening or locking take the focus off the field (a field on
    // a hidden screen keeps it), which closes the keyboard, so none is left over the next
    // screen; the next field opens it in the screen language's layout.
    function closeKeyboard() {
        const panel = keyboard.item as Keyboard
        stage.forceActiveFocus()
        panel?.restart()
    }
    Connections {
        target: root.session
        function onStepChanged() { root.closeKeyboard() }
        // Nothing is typed while the privacy notice is open: the keyboard gives it the room.
        function onNoticeOpenChanged() { if (root.session.noticeOpen) root.closeKeyboard() }
    }
    readonly property bool adminOpen: root.admin.open
    onAdminOpenChanged: root.closeKeyboard()

    Item {
        id: stage
        objectName: "stage"
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.bottom: keyboard.top
        visible: !root.idle.dark  // nothing drawn behind the dark screen

        Loader {
            id: screen
            objectName: "screen"
            anchors.fill: parent
            sourceComponent: {
                switch (root.session.step) {
                case "language": return languageScreen
                case "story": return storyScreen
                case "form": return formScreen
                case "preview": return previewScreen
                case "thanks": return thanksScreen
                default: return attractScreen
                }
            }
            // The first screen is simply there: nothing to fade from, and a compositor that is
            // slow to ask for frames (headless cage) left it stuck half faded in.
            property bool first: true
            onLoaded: {
                if (!screen.first)
                    fadeIn.restart()
                screen.first = false
            }
            NumberAnimation {
                id: fadeIn
                target: screen.item
                property: "opacity"
                from: 0.0
                to: 1.0
                duration: Theme.normal
            }
        }
    }

    Component { id: attractScreen; AttractScreen { session: root.session } }
    Component { id: languageScreen; LanguageScreen { session: root.session } }
    Component { id: storyScreen; StoryScreen { session: root.session } }
    Component { id: formScreen; FormScreen { session: root.session; keyboardHeight: keyboard.shown ? keyboard.height : 0 } }
    Component { id: previewScreen; PreviewScreen { session: root.session } }
    Component { id: thanksScreen; ThanksScreen { session: root.session } }

    // The on-screen keyboard takes about 60 ms to build and is needed only on the form: it is
    // built after the first frame, a little at a time, so the attract screen shows and answers
    // sooner. It waits below the window until a field asks for it, then slides up.
    // Qt draws it as high as its width allows; on a wide, low panel that left the form a strip
    // too thin for a consent box (1024x600: 120 px), so it is narrower there, centred on a band
    // of its own colour, and never takes more than `Theme.keyboardShare` of the height.
    Rectangle {
        z: 49
        anchors.left: parent.left
        anchors.right: parent.right
        y: keyboard.y
        height: keyboard.height
        visible: keyboard.slide > 0
        color: Theme.keyboardBand
    }
    Loader {
        id: keyboard
        z: 50
        anchors.horizontalCenter: parent.horizontalCenter
        width: Math.min(root.width, Math.round(root.height * Theme.keyboardShare * Theme.keyboardAspect))
        // Slides in and out; a change of the window's size (a rotation) moves it at once.
        y: root.height - keyboard.height * keyboard.slide
        asynchronous: true
        active: false  // until the first frame is on the screen
        readonly property bool shown: (keyboard.item as Keyboard)?.active ?? false
        property real slide: keyboard.shown ? 1.0 : 0.0
        Behavior on slide { NumberAnimation { duration: Theme.fast } }
        source: "components/Keyboard.qml"
    }
    Connections {
        target: root
        enabled: !keyboard.active
        function onFrameSwapped() { keyboard.active = true }
    }
    // New layouts (a change of language) make Qt rebuild the keyboard's keys: about 20 ms, more
    // on a busy machine. They are handed over once the next frame is on the screen, so the
    // screen the visitor touched for shows first; no key can be touched before that frame.
    property list<string> keyboardLayouts: []
    property bool keyboardBehind: true
    Component.onCompleted: root.keyboardLayouts = root.session.keyboardLocales
    Connections {
        target: root.session
        function onKeyboardLocalesChanged() { root.keyboardBehind = true }
    }
    Connections {
        target: root
        enabled: root.keyboardBehind
        function onFrameSwapped() {
            root.keyboardBehind = false
            Qt.callLater(() => { root.keyboardLayouts = root.session.keyboardLocales })
        }
    }
    Binding {
        target: keyboard.item
        property: "layouts"
        value: root.keyboardLayouts
        when: keyboard.status === Loader.Ready
    }

    IdleOverlay {
        anchors.fill: parent
        z: 100
        idle: root.idle
    }

    // The volunteers' way in: a long press (3 s) in the top-left corner, then the PIN.
    // A passive tap handler: whatever sits in that corner (the back button) still works.
    Item {
        objectName: "adminCorner"
        z: 110
        width: Theme.target * 1.2
        height: Theme.target * 1.2
        TapHandler {
            longPressThreshold: 3
            onLongPressed: root.admin.askPin()
        }
    }
    AdminScreen {
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.bottom: keyboard.top  // ends where the keyboard begins: its keys stay free
        z: 120
        admin: root.admin
        crashNotice: root.crashNotice
    }
    PinPad { anchors.fill: parent; z: 130; admin: root.admin }

    // The dark screen after `idle.dark_after` seconds on the attract screen with nobody there:
    // drawn by the kiosk (cage cannot switch the panel off), nothing under it drawn. The touch
    // that lights it again is taken here whole, press and release, so it starts nothing.
    Rectangle {
        objectName: "darkScreen"
        anchors.fill: parent
        z: 200
        visible: root.idle.dark
        color: "#000000"
        MouseArea {
            anchors.fill: parent
            onReleased: root.idle.wake()
            onCanceled: root.idle.wake()
        }
    }

    // Only admin mode may close the kiosk (a window manager's close button does nothing).
    onClosing: close => { close.accepted = !root.fullScreen || root.admin.quitAllowed }
}
