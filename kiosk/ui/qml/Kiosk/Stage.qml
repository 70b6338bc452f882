pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.VirtualKeyboard
import QtQuick.VirtualKeyboard.Settings
import Kiosk

// Everything of the window but its first picture: the screen of the current step above the
// on-screen keyboard, the "still there?" question over everything, the volunteers' way in.
// Main loads it once the session is ready. All state lives in the Python controllers.
Item {
    id: stage

    required property Session session
    required property IdleWatch idle
    required property AdminController admin
    property bool firstScreen: true

    Binding { target: VirtualKeyboardSettings; property: "locale"; value: stage.session.keyboardLocale }
    Binding { target: VirtualKeyboardSettings; property: "activeLocales"; value: [stage.session.keyboardLocale] }

    Item {
        objectName: "stage"
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.bottom: inputPanel.top

        Loader {
            id: screen
            objectName: "screen"
            anchors.fill: parent
            sourceComponent: {
                switch (stage.session.step) {
                case "language": return languageScreen
                case "story": return storyScreen
                case "form": return formScreen
                case "preview": return previewScreen
                case "thanks": return thanksScreen
                default: return attractScreen
                }
            }
            // Each new screen fades in; the first one replaces the same attract screen that
            // was shown before the session was ready, so it is simply there.
            onLoaded: {
                if (!stage.firstScreen)
                    fadeIn.restart()
                stage.firstScreen = false
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

    Component { id: attractScreen; AttractScreen { session: stage.session } }
    Component { id: languageScreen; LanguageScreen { session: stage.session } }
    Component { id: storyScreen; StoryScreen { session: stage.session } }
    Component { id: formScreen; FormScreen { session: stage.session; keyboardHeight: inputPanel.active ? inputPanel.height : 0 } }
    Component { id: previewScreen; PreviewScreen { session: stage.session } }
    Component { id: thanksScreen; ThanksScreen { session: stage.session } }

    InputPanel {
        id: inputPanel
        objectName: "keyboard"
        z: 50
        y: inputPanel.active ? stage.height - inputPanel.height : stage.height
        anchors.left: parent.left
        anchors.right: parent.right
        Behavior on y { NumberAnimation { duration: Theme.fast } }
    }

    IdleOverlay {
        anchors.fill: parent
        z: 100
        idle: stage.idle
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
            onLongPressed: stage.admin.askPin()
        }
    }
    AdminScreen { anchors.fill: parent; z: 120; admin: stage.admin }
    PinPad { anchors.fill: parent; z: 130; admin: stage.admin }
}
