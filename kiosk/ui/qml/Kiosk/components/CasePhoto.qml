pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// The case's photo, or, without one, a calm placeholder with the person's initials.
Item {
    id: photo

    property string source: ""
    property string person: ""
    property string credit: ""
    // The initials stay within the top `initialsArea` pixels, above whatever text lies over the
    // lower part (the attract screen's name and invitation).
    property real initialsArea: height

    Rectangle {
        anchors.fill: parent
        visible: image.status !== Image.Ready
        gradient: Gradient {
            GradientStop { position: 0.0; color: Theme.placeholderTop }
            GradientStop { position: 1.0; color: Theme.placeholderBottom }
        }
        Rectangle {
            objectName: "initials"
            anchors.horizontalCenter: parent.horizontalCenter
            y: (photo.initialsArea - height) / 2
            width: Math.max(0, Math.min(Math.min(parent.width, parent.height) * 0.45, photo.initialsArea * 0.8))
            height: width
            radius: width / 2
            color: "transparent"
            border.color: Theme.accent
            border.width: Math.max(3, Theme.px(6))
            Text {
                textFormat: Text.PlainText
                anchors.centerIn: parent
                text: photo.person.split(" ").filter(w => w.length > 0).map(w => w[0]).slice(0, 2).join("")
                color: "#ffffff"
                font.family: Theme.fontFamily
                font.pixelSize: parent.width * 0.36
                font.bold: true
            }
        }
    }
    Image {
        id: image
        anchors.fill: parent
        source: photo.source
        fillMode: Image.PreserveAspectCrop
        asynchronous: true
        visible: status === Image.Ready
    }
    Text {
        textFormat: Text.PlainText
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.margins: Theme.px(8)
        visible: photo.credit !== "" && image.status === Image.Ready
        text: photo.credit
        color: "#ffffff"
        style: Text.Outline
        styleColor: "#000000"
        font.family: Theme.fontFamily
        font.pixelSize: Theme.small
    }
    Accessible.role: Accessible.Graphic
    Accessible.name: photo.person
}
