pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// "Are you still there?": a dimmed layer with a countdown ring; a touch anywhere continues.
Rectangle {
    id: overlay

    required property IdleWatch idle

    objectName: "idleOverlay"
    visible: overlay.idle.warning
    color: Theme.dim

    MouseArea {
        anchors.fill: parent
        onClicked: overlay.idle.stillHere()
    }

    Rectangle {
        anchors.centerIn: parent
        width: Math.min(parent.width * 0.8, Theme.px(720))
        height: content.implicitHeight + Theme.margin * 2
        radius: Theme.radius * 2
        color: Theme.surface

        Column {
            id: content
            anchors.centerIn: parent
            width: parent.width - Theme.margin * 2
            spacing: Theme.gap * 1.5

            Item {
                width: Theme.px(200)
                height: width
                anchors.horizontalCenter: parent.horizontalCenter
                Canvas {
                    id: ring
                    anchors.fill: parent
                    property real fraction: overlay.idle.countdown > 0 ? overlay.idle.secondsLeft / overlay.idle.countdown : 0
                    onFractionChanged: requestPaint()
                    onPaint: {
                        const ctx = getContext("2d")
                        ctx.clearRect(0, 0, width, height)
                        const r = width / 2 - Theme.px(10)
                        ctx.lineWidth = Theme.px(14)
                        ctx.strokeStyle = Theme.secondary
                        ctx.beginPath()
                        ctx.arc(width / 2, height / 2, r, 0, 2 * Math.PI)
                        ctx.stroke()
                        ctx.strokeStyle = Theme.text
                        ctx.beginPath()
                        ctx.arc(width / 2, height / 2, r, -Math.PI / 2, -Math.PI / 2 + 2 * Math.PI * fraction)
                        ctx.stroke()
                    }
                }
                Text {
                    objectName: "idleSeconds"
                    textFormat: Text.PlainText
                    anchors.centerIn: parent
                    text: overlay.idle.secondsLeft
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.hero
                    font.bold: true
                    color: Theme.text
                }
            }
            Text {
                textFormat: Text.PlainText
                width: parent.width
                horizontalAlignment: Text.AlignHCenter
                text: qsTr("Are you still there?")
                wrapMode: Text.Wrap
                font.family: Theme.fontFamily
                font.pixelSize: Theme.title
                font.bold: true
                color: Theme.text
            }
            Text {
                textFormat: Text.PlainText
                width: parent.width
                horizontalAlignment: Text.AlignHCenter
                text: qsTr("If not, everything you typed will be erased for the next person.")
                wrapMode: Text.Wrap
                font.family: Theme.fontFamily
                font.pixelSize: Theme.body
                color: Theme.muted
            }
            BigButton {
                objectName: "stillHere"
                anchors.horizontalCenter: parent.horizontalCenter
                primary: true
                text: qsTr("Yes, continue")
                onClicked: overlay.idle.stillHere()
            }
        }
    }
}
