pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Window
import Kiosk

// The kiosk's one window. Its first picture is the attract screen, shown from what the last
// start kept (`glance`) while the settings and cases are loaded and checked; then Python hands
// over the session and its helpers, and the rest of the window (Stage.qml: every screen, the
// keyboard, the overlays) is loaded by address, so none of it delays the first frame.
Window {
    id: root

    required property var glance
    required property bool fullScreen
    required property bool largeText
    property Session session: null
    property IdleWatch idle: null
    property AdminController admin: null

    width: 1280
    height: 800
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

    Loader {
        objectName: "firstPicture"
        anchors.fill: parent
        active: rest.status !== Loader.Ready
        sourceComponent: AttractScreen { objectName: "firstAttractScreen"; session: root.glance }
    }

    Loader {
        id: rest
        objectName: "rest"
        anchors.fill: parent
    }

    onSessionChanged: {
        if (root.session !== null && rest.source.toString() === "")
            rest.setSource(Qt.resolvedUrl("Stage.qml"), { session: root.session, idle: root.idle, admin: root.admin })
    }

    // Only admin mode may close the kiosk (a window manager's close button does nothing).
    onClosing: close => { close.accepted = !root.fullScreen || (root.admin !== null && root.admin.quitAllowed) }
}
