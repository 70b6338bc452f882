pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// A QR code with its caption, big enough to scan from a phone at arm's length.
Column {
    id: card

    property string source: ""
    property string caption: ""
    property int size: Theme.px(190)
    // A caption may be wider than a shrunk code, so that it keeps to two lines.
    property int captionWidth: card.size

    spacing: Theme.px(8)
    Accessible.role: Accessible.Graphic
    Accessible.name: card.caption

    Rectangle {
        anchors.horizontalCenter: parent.horizontalCenter
        width: card.size
        height: width
        color: "#ffffff"
        radius: Theme.px(8)
        border.color: Theme.line
        Image {
            anchors.fill: parent
            anchors.margins: Theme.px(8)
            source: card.source
            smooth: false
            fillMode: Image.PreserveAspectFit
        }
    }
    Text {
        textFormat: Text.PlainText
        width: Math.max(card.size, card.captionWidth)
        text: card.caption
        horizontalAlignment: Text.AlignHCenter
        wrapMode: Text.WrapAtWordBoundaryOrAnywhere  // a web address has no spaces to wrap at
        font.family: Theme.fontFamily
        font.pixelSize: Theme.small
        color: Theme.text
    }
}
