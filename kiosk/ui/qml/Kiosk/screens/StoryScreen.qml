pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Kiosk

// The person's story: photo beside (or above, in portrait) a column that scrolls by swipe, and
// "Sign the letter" always in reach at the bottom. Several active cases: a strip to switch.
Rectangle {
    id: screen

    required property Session session

    objectName: "storyScreen"
    color: Theme.background

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        TopBar {
            Layout.fillWidth: true
            session: screen.session
            heading: screen.session.case.person
        }

        Row {
            Layout.fillWidth: true
            Layout.leftMargin: Theme.margin
            Layout.topMargin: Theme.gap
            visible: screen.session.cases.length > 1
            spacing: Theme.gap
            Repeater {
                model: screen.session.cases
                delegate: BigButton {
                    required property var modelData
                    required property int index
                    objectName: "case_" + modelData.id
                    text: modelData.person
                    font.bold: index === screen.session.caseIndex
                    onClicked: screen.session.selectCase(index)
                }
            }
        }

        Item {
            id: body
            Layout.fillWidth: true
            Layout.fillHeight: true

            CasePhoto {
                id: casePhoto
                x: Theme.margin
                y: Theme.gap
                width: Theme.portrait ? body.width - Theme.margin * 2 : body.width * 0.36
                height: Theme.portrait ? Math.min(Theme.px(320), body.height * 0.35) : body.height - Theme.gap * 2
                source: screen.session.case.photo
                person: screen.session.case.person
                credit: screen.session.case.credit
                clip: true
            }

            Flickable {
                id: story
                objectName: "story"
                x: Theme.portrait ? Theme.margin : casePhoto.x + casePhoto.width + Theme.margin
                y: Theme.portrait ? casePhoto.y + casePhoto.height + Theme.gap : Theme.gap
                width: body.width - x - Theme.margin
                height: body.height - y - Theme.gap
                contentHeight: text.implicitHeight
                clip: true
                boundsBehavior: Flickable.StopAtBounds
                ScrollBar.vertical: ScrollBar { width: Theme.px(10); policy: ScrollBar.AsNeeded }

                Column {
                    id: text
                    width: story.width - Theme.gap
                    spacing: Theme.gap

                    Text {
                        textFormat: Text.PlainText
                        width: parent.width
                        text: screen.session.case.title
                        font.family: Theme.fontFamily
                        font.pixelSize: Theme.title * 0.8
                        font.bold: true
                        wrapMode: Text.Wrap
                        color: Theme.text
                    }
                    Text {
                        objectName: "storyLead"
                        width: parent.width
                        text: screen.session.case.lead
                        textFormat: Text.StyledText  // safe: kiosk.core.styled_text made it
                        font.family: Theme.fontFamily
                        font.pixelSize: Theme.lead
                        font.bold: true
                        wrapMode: Text.Wrap
                        color: Theme.text
                    }
                    Text {
                        objectName: "storyText"
                        width: parent.width
                        text: screen.session.case.story
                        textFormat: Text.StyledText  // safe: kiosk.core.styled_text made it
                        font.family: Theme.fontFamily
                        font.pixelSize: Theme.body
                        lineHeight: 1.2
                        wrapMode: Text.Wrap
                        color: Theme.text
                    }
                }
            }
        }

        Rectangle {
            Layout.fillWidth: true
            Layout.preferredHeight: Theme.target + Theme.gap * 2
            color: Theme.surface
            BigButton {
                objectName: "signButton"
                anchors.centerIn: parent
                width: Math.min(parent.width - Theme.margin * 2, Theme.px(640))
                primary: true
                text: qsTr("Sign the letter")
                onClicked: screen.session.sign()
            }
        }
    }
}
