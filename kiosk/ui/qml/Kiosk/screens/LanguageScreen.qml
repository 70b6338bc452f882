pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Kiosk

// The languages offered, each as a large button with its own name (no flags: a flag is a
// country, not a language).
Rectangle {
    id: screen

    required property Session session

    objectName: "languageScreen"
    color: Theme.background

    ColumnLayout {
        anchors.centerIn: parent
        width: Math.min(parent.width - Theme.margin * 2, Theme.px(760))
        spacing: Theme.gap * 1.5

        Text {
            textFormat: Text.PlainText
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            text: screen.session.languagePrompts.join("  ·  ")
            wrapMode: Text.Wrap
            font.family: Theme.fontFamily
            font.pixelSize: Theme.lead
            color: Theme.muted
        }
        Repeater {
            model: screen.session.languages
            delegate: BigButton {
                required property var modelData
                objectName: "choose_" + modelData.code
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.target * 1.35
                text: modelData.name
                font.pixelSize: Theme.title * 0.8
                primary: true
                onClicked: screen.session.chooseLanguage(modelData.code)
            }
        }
    }
}
