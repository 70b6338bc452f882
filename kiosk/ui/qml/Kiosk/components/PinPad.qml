pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Kiosk

// The PIN pad for volunteers: large digits, dots for what was typed, and plain words when the
// PIN is wrong or entry is locked for a while. Every text wraps inside the panel, on any screen.
Rectangle {
    id: pad

    required property AdminController admin
    property string typed: ""

    objectName: "pinPad"
    visible: pad.admin.asking
    color: Theme.dim
    onVisibleChanged: pad.typed = ""

    MouseArea { anchors.fill: parent }  // nothing below is touchable meanwhile

    Rectangle {
        objectName: "pinPanel"
        anchors.centerIn: parent
        width: Math.min(parent.width * 0.9, Theme.px(520))
        height: column.implicitHeight + Theme.margin * 2
        radius: Theme.radius * 2
        color: Theme.surface

        ColumnLayout {
            id: column
            anchors.centerIn: parent
            width: parent.width - Theme.margin * 2
            spacing: Theme.gap

            Text {
                textFormat: Text.PlainText
                Layout.fillWidth: true
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.Wrap
                objectName: "pinTitle"
                text: pad.admin.noPin ? qsTr("The admin screen has no PIN yet") : qsTr("Volunteers' PIN")
                font.family: Theme.fontFamily
                font.pixelSize: Theme.lead
                font.bold: true
                color: Theme.text
            }
            Text {
                // Never chosen here, where any visitor could: a coordinator sets it in a terminal.
                objectName: "pinMissing"
                textFormat: Text.PlainText
                Layout.fillWidth: true
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.Wrap
                visible: pad.admin.noPin
                text: qsTr("Please ask a coordinator to set one in a terminal on this kiosk, with:")
                font.family: Theme.fontFamily
                font.pixelSize: Theme.body
                color: Theme.text
            }
            Text {
                objectName: "pinCommand"
                textFormat: Text.PlainText
                Layout.fillWidth: true
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.WrapAtWordBoundaryOrAnywhere
                visible: pad.admin.noPin
                text: "kiosk admin set-pin"
                font.family: "monospace"
                font.pixelSize: Theme.body
                font.bold: true
                color: Theme.text
            }
            Text {
                objectName: "pinDots"
                textFormat: Text.PlainText
                visible: !pad.admin.noPin
                Layout.fillWidth: true
                horizontalAlignment: Text.AlignHCenter
                text: "●".repeat(pad.typed.length) || " "
                font.pixelSize: Theme.title
                color: Theme.text
            }
            Text {
                objectName: "pinMessage"
                textFormat: Text.PlainText
                Layout.fillWidth: true
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.Wrap
                visible: text !== ""
                text: pad.admin.pinError === "locked" || pad.admin.lockedFor > 0
                      ? qsTr("Too many wrong PINs: wait %1 s.").arg(pad.admin.lockedFor)
                      : pad.admin.pinError === "wrong" ? qsTr("Wrong PIN.")
                      : pad.admin.pinError
                font.family: Theme.fontFamily
                font.pixelSize: Theme.body
                color: Theme.error
            }
            GridLayout {
                visible: !pad.admin.noPin
                Layout.alignment: Qt.AlignHCenter
                columns: 3
                rowSpacing: Theme.gap / 2
                columnSpacing: Theme.gap / 2
                Repeater {
                    model: ["1", "2", "3", "4", "5", "6", "7", "8", "9", "⌫", "0", "OK"]
                    delegate: BigButton {
                        required property string modelData
                        objectName: "pin_" + (modelData === "⌫" ? "back" : modelData)
                        implicitWidth: Theme.target * 1.4
                        implicitHeight: Theme.target * 1.1
                        text: modelData
                        font.pixelSize: Theme.lead
                        primary: modelData === "OK"
                        Accessible.name: modelData === "⌫" ? qsTr("Delete") : modelData
                        onClicked: {
                            if (modelData === "OK") {
                                pad.admin.enter(pad.typed)
                                pad.typed = ""
                            } else if (modelData === "⌫") {
                                pad.typed = pad.typed.slice(0, -1)
                            } else if (pad.typed.length < 12) {
                                pad.typed += modelData
                            }
                        }
                    }
                }
            }
            BigButton {
                objectName: "pinCancel"
                Layout.fillWidth: true
                text: pad.admin.noPin ? qsTr("Close") : qsTr("Cancel")
                onClicked: pad.admin.cancelPin()
            }
        }
    }
}
