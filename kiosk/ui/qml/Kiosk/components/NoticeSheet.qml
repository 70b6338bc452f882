pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Kiosk

// "How we protect your data", opened from the form: the organisation's short text in the
// visitor's language (or the nearest one it wrote, or a general sentence of ours) and the full
// notice's address as a QR code with the address written under it. It lies over the form,
// which stays as it was; the one big button, or a tap beside the card, closes it.
Rectangle {
    id: sheet

    required property Session session
    readonly property var notice: sheet.session.privacyNotice
    readonly property bool hasCode: (sheet.notice.url || "") !== ""

    objectName: "privacyNotice"
    visible: sheet.session.noticeOpen
    color: Theme.dim
    Accessible.role: Accessible.Dialog
    Accessible.name: title.text

    // Beside the card: back to the form; no touch reaches the form under the sheet.
    MouseArea {
        anchors.fill: parent
        onClicked: sheet.session.closeNotice()
    }

    Rectangle {
        anchors.centerIn: parent
        width: Math.min(parent.width - Theme.margin * 2, Theme.px(1100))
        height: Math.min(parent.height - Theme.gap * 2, content.implicitHeight + Theme.margin * 2)
        radius: Theme.radius * 2
        color: Theme.surface

        MouseArea { anchors.fill: parent }  // a tap on the card itself closes nothing

        ColumnLayout {
            id: content
            anchors.fill: parent
            anchors.margins: Theme.margin
            spacing: Theme.gap

            Text {
                id: title
                textFormat: Text.PlainText
                Layout.fillWidth: true
                text: qsTr("How we protect your data")
                wrapMode: Text.Wrap
                font.family: Theme.fontFamily
                font.pixelSize: Theme.title
                font.bold: true
                color: Theme.text
            }

            GridLayout {
                Layout.fillWidth: true
                Layout.fillHeight: true
                columns: Theme.portrait || !sheet.hasCode ? 1 : 2
                columnSpacing: Theme.margin
                rowSpacing: Theme.gap

                // A long text scrolls inside the card, with a bar that says so; the button
                // below stays in view.
                Flickable {
                    id: reading
                    readonly property bool scrolls: reading.contentHeight > reading.height + 1
                    objectName: "privacyNoticeScroll"
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    Layout.preferredHeight: words.implicitHeight
                    Layout.minimumHeight: Math.min(words.implicitHeight, Theme.target * 2)
                    contentHeight: words.implicitHeight
                    clip: true
                    boundsBehavior: Flickable.StopAtBounds
                    ScrollBar.vertical: ScrollBar {
                        id: bar
                        policy: reading.scrolls ? ScrollBar.AlwaysOn : ScrollBar.AlwaysOff
                        padding: 0
                        background: Rectangle { implicitWidth: Theme.px(10); radius: width / 2; color: Theme.secondary }
                        contentItem: Rectangle { implicitWidth: Theme.px(10); radius: width / 2; color: Theme.line }
                    }

                    Column {
                        id: words
                        width: reading.width - Theme.gap
                        spacing: Theme.gap

                        Text {
                            objectName: "privacyNoticeText"
                            textFormat: Text.PlainText
                            width: parent.width
                            text: (sheet.notice.text || "") !== "" ? sheet.notice.text
                                  : sheet.session.organisation !== ""
                                    ? qsTr("Your name, town and country go on the letter and to %1; your email only if you tick the box for news. The people at this stand can tell you more about how %1 protects your data.").arg(sheet.session.organisation)
                                    : qsTr("Your name, town and country go on the letter and to the organisers of this stand; your email only if you tick the box for news. The people at this stand can tell you more about how your data is protected.")
                            wrapMode: Text.Wrap
                            font.family: Theme.fontFamily
                            font.pixelSize: Theme.body
                            lineHeight: 1.15
                            color: Theme.text
                        }
                        Text {
                            textFormat: Text.PlainText
                            width: parent.width
                            visible: sheet.hasCode
                            text: qsTr("The full notice: scan the code with your phone, or visit the address under it.")
                            wrapMode: Text.Wrap
                            font.family: Theme.fontFamily
                            font.pixelSize: Theme.small
                            color: Theme.muted
                        }
                    }
                }

                QrCard {
                    objectName: "privacyNoticeCode"
                    visible: sheet.hasCode
                    Layout.alignment: Qt.AlignTop | Qt.AlignHCenter
                    size: Theme.px(250)
                    source: sheet.notice.qr || ""
                    caption: sheet.notice.url || ""
                }
            }

            BigButton {
                objectName: "closeNotice"
                Layout.alignment: Qt.AlignRight
                Layout.preferredWidth: Math.max(Theme.px(400), implicitWidth)
                primary: true
                text: qsTr("Back to the form")
                onClicked: sheet.session.closeNotice()
            }
        }
    }
}
