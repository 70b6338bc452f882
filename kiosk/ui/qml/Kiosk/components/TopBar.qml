pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Kiosk

// The bar at the top of every screen after the attract screen: back, where you are, and the
// languages (switching keeps everything typed).
Rectangle {
    id: bar

    required property Session session
    property string heading: ""
    property bool canGoBack: true

    implicitHeight: Theme.target + Theme.gap
    color: Theme.surface

    Rectangle { anchors.bottom: parent.bottom; width: parent.width; height: 1; color: Theme.line }

    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: Theme.gap
        anchors.rightMargin: Theme.gap
        spacing: Theme.gap

        BigButton {
            objectName: "backButton"
            visible: bar.canGoBack
            text: "‹ " + qsTr("Back")
            implicitWidth: Theme.target * 2
            onClicked: bar.session.back()
        }
        Text {
            textFormat: Text.PlainText
            Layout.fillWidth: true
            text: bar.heading
            font.family: Theme.fontFamily
            font.pixelSize: Theme.lead
            font.bold: true
            color: Theme.text
            elide: Text.ElideRight
            verticalAlignment: Text.AlignVCenter
        }
        Repeater {
            model: bar.session.languages
            delegate: BigButton {
                id: languageButton
                required property var modelData
                objectName: "language_" + modelData.code
                text: modelData.name
                implicitWidth: Math.max(Theme.target * 1.6, contentItem.implicitWidth + Theme.gap * 2)
                font.pixelSize: Theme.small
                font.bold: modelData.code === bar.session.language
                primary: false
                checkable: false
                Accessible.name: modelData.name
                background: Rectangle {
                    radius: Theme.radius
                    color: languageButton.down ? Theme.secondaryPressed : Theme.surface
                    border.width: languageButton.modelData.code === bar.session.language ? 3 : 1
                    border.color: languageButton.modelData.code === bar.session.language ? Theme.text : Theme.line
                }
                onClicked: bar.session.setLanguage(modelData.code)
            }
        }
    }
}
