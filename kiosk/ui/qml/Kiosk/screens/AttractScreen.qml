pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// What passers-by see: the person at risk, why, and "touch to write a letter" in each offered
// language in turn. The only motion is a slow cross-fade, so an idle kiosk costs almost no CPU.
Item {
    id: screen

    required property Session session
    property int shown: 0
    property int invitation: 0

    objectName: "attractScreen"

    readonly property var current: screen.session.cases.length > 0 ? screen.session.cases[screen.shown % screen.session.cases.length] : ({})

    Timer {
        interval: 10000
        repeat: true
        running: screen.session.cases.length > 1
        onTriggered: screen.shown = (screen.shown + 1) % screen.session.cases.length
    }
    Timer {
        interval: 4000
        repeat: true
        running: screen.session.invitations.length > 1
        onTriggered: screen.invitation = (screen.invitation + 1) % screen.session.invitations.length
    }

    CasePhoto {
        id: photo
        anchors.fill: parent
        source: screen.current.photo || ""
        person: screen.current.person || ""
        credit: screen.current.credit || ""
        initialsArea: words.y - Theme.gap
        Behavior on source { SequentialAnimation {
            NumberAnimation { target: photo; property: "opacity"; to: 0; duration: Theme.crossFade / 2 }
            PropertyAction { }
            NumberAnimation { target: photo; property: "opacity"; to: 1; duration: Theme.crossFade / 2 }
        } }
    }
    Rectangle {
        anchors.fill: parent
        gradient: Gradient {
            GradientStop { position: 0.35; color: "#00000000" }
            GradientStop { position: 1.0; color: "#e6000000" }
        }
    }

    Column {
        id: words
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.margins: Theme.margin
        spacing: Theme.gap

        Text {
            objectName: "attractPerson"
            textFormat: Text.PlainText
            width: parent.width
            text: screen.current.person || ""
            color: "#ffffff"
            font.family: Theme.fontFamily
            font.pixelSize: Theme.hero
            font.bold: true
            wrapMode: Text.Wrap
        }
        Text {
            textFormat: Text.PlainText
            width: parent.width
            text: screen.current.title || ""
            color: "#ffffff"
            font.family: Theme.fontFamily
            font.pixelSize: Theme.lead
            wrapMode: Text.Wrap
        }
        Rectangle {
            objectName: "invitationButton"
            width: invitationText.implicitWidth + Theme.margin * 2
            height: Theme.target * 1.3
            radius: Theme.radius
            color: Theme.accent
            Text {
                id: invitationText
                objectName: "invitation"
                textFormat: Text.PlainText
                anchors.centerIn: parent
                text: screen.session.invitations.length > 0 ? screen.session.invitations[screen.invitation % screen.session.invitations.length] : ""
                color: Theme.accentText
                font.family: Theme.fontFamily
                font.pixelSize: Theme.lead
                font.bold: true
            }
        }
    }

    Rectangle {
        objectName: "counter"
        anchors.top: parent.top
        anchors.right: parent.right
        anchors.margins: Theme.margin
        width: counterText.implicitWidth + Theme.gap * 2
        height: counterText.implicitHeight + Theme.gap
        radius: Theme.radius
        color: "#e6ffffff"
        Text {
            id: counterText
            textFormat: Text.PlainText
            anchors.centerIn: parent
            text: screen.session.goal > 0
                  ? qsTr("%1 of %2 letters written today").arg(screen.session.today.toLocaleString(Qt.locale(screen.session.language), "f", 0)).arg(screen.session.goal.toLocaleString(Qt.locale(screen.session.language), "f", 0))
                  : qsTr("%n letter(s) written today", "", screen.session.today)
            font.family: Theme.fontFamily
            font.pixelSize: Theme.body
            font.bold: true
            color: Theme.text
        }
    }

    MouseArea {
        objectName: "attractTouch"
        anchors.fill: parent
        Accessible.role: Accessible.Button
        Accessible.name: invitationText.text
        onClicked: screen.session.start()
    }

    // Marked for translation here; the session asks every language for it at once.
    readonly property string invitationSource: QT_TR_NOOP("Touch to write a letter")
    readonly property string chooseSource: QT_TR_NOOP("Choose your language")
}
