pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import Kiosk

// A large touch button: the accent for the one primary action of a screen, quiet otherwise.
Button {
    id: control

    property bool primary: false
    // Long words wrap onto a second line instead of being cut short (a narrow portrait panel).
    property bool wrap: false

    implicitHeight: Math.max(Theme.target, control.wrap ? contentItem.implicitHeight + Theme.gap : 0)
    implicitWidth: Math.max(Theme.target * 3, contentItem.implicitWidth + Theme.gap * 3)
    font.family: Theme.fontFamily
    font.pixelSize: Theme.body
    font.bold: control.primary
    Accessible.name: control.text
    focusPolicy: Qt.NoFocus  // a tap must not steal focus from the field being typed in

    contentItem: Text {
        textFormat: Text.PlainText
        text: control.text
        font: control.font
        color: control.primary ? Theme.accentText : Theme.text
        horizontalAlignment: Text.AlignHCenter
        verticalAlignment: Text.AlignVCenter
        elide: control.wrap ? Text.ElideNone : Text.ElideRight
        wrapMode: control.wrap ? Text.Wrap : Text.NoWrap
        opacity: control.enabled ? 1.0 : 0.45
    }
    background: Rectangle {
        radius: Theme.radius
        color: control.primary ? (control.down ? Theme.accentPressed : Theme.accent)
                               : (control.down ? Theme.secondaryPressed : Theme.secondary)
        border.width: control.primary ? 0 : 1
        border.color: Theme.line
        opacity: control.enabled ? 1.0 : 0.5
    }
}
