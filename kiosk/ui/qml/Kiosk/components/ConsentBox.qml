pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import Kiosk

// One consent: an explicit, unticked box with its whole text; its error said under it.
Column {
    id: consent

    required property Session session
    required property var item
    readonly property string error: Words.error(consent.session.errors["consent_" + consent.item.id] || "")

    spacing: Theme.px(6)

    CheckBox {
        id: box
        objectName: "consent_" + consent.item.id
        width: consent.width
        checked: consent.session.consents[consent.item.id] === true
        focusPolicy: Qt.NoFocus
        Accessible.name: consent.item.text
        onToggled: consent.session.setConsent(consent.item.id, box.checked)
        indicator: Rectangle {
            x: 0
            y: Math.max(0, (box.contentItem.implicitHeight - height) / 2)
            width: Theme.target * 0.75
            height: width
            radius: Theme.px(6)
            color: Theme.surface
            border.width: consent.error !== "" ? 4 : 3
            border.color: consent.error !== "" ? Theme.error : Theme.text
            Text {
                textFormat: Text.PlainText
                anchors.centerIn: parent
                visible: box.checked
                text: "✓"
                font.pixelSize: parent.height * 0.8
                font.bold: true
                color: Theme.text
            }
        }
        contentItem: Text {
            textFormat: Text.PlainText
            leftPadding: Theme.target * 0.75 + Theme.gap
            text: consent.item.text + (consent.item.required ? "" : "  " + qsTr("(optional)"))
            wrapMode: Text.Wrap
            font.family: Theme.fontFamily
            font.pixelSize: Theme.body
            color: Theme.text
            verticalAlignment: Text.AlignVCenter
        }
    }
    Text {
        textFormat: Text.PlainText
        visible: consent.error !== ""
        width: consent.width
        text: "⚠ " + consent.error
        wrapMode: Text.Wrap
        font.family: Theme.fontFamily
        font.pixelSize: Theme.small
        color: Theme.error
    }
}
