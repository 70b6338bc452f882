pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Kiosk

// The signer's details: one column of large fields, the consents with their whole text, an
// optional signature pad. The column scrolls so the field being typed in sits above the keyboard.
Rectangle {
    id: screen

    required property Session session
    property int keyboardHeight: 0

    objectName: "formScreen"
    color: Theme.background

    // Keep the focused field in view when it changes or when the keyboard comes up.
    KeepInView { flickable: form; margin: Theme.gap * 3 }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        TopBar {
            Layout.fillWidth: true
            session: screen.session
            heading: qsTr("Your letter for %1").arg(screen.session.case.person)
        }

        Flickable {
            id: form
            objectName: "form"
            Layout.fillWidth: true
            Layout.fillHeight: true
            contentHeight: fields.implicitHeight + Theme.margin * 2
            clip: true
            boundsBehavior: Flickable.StopAtBounds
            ScrollBar.vertical: ScrollBar { width: Theme.px(10); policy: ScrollBar.AsNeeded }

            Column {
                id: fields
                x: (form.width - width) / 2
                y: Theme.margin
                width: Math.min(form.width - Theme.margin * 2, Theme.px(900))
                spacing: Theme.gap

                Text {
                    textFormat: Text.PlainText
                    width: parent.width
                    // Without an organisation's name in the settings, a sentence whole in each language.
                    text: screen.session.organisation !== ""
                          ? qsTr("Your name goes on the letter and to %1. Your email only if you tick the box for news.").arg(screen.session.organisation)
                          : qsTr("Your name goes on the letter and to the organisers of this stand. Your email only if you tick the box for news.")
                    wrapMode: Text.Wrap
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.small
                    color: Theme.muted
                }
                // The privacy notice, one tap away, next to the sentence it tells more about.
                BigButton {
                    objectName: "privacyLink"
                    visible: screen.session.privacyNotice.offered === true
                    text: qsTr("How we protect your data") + "  ›"
                    Accessible.name: qsTr("How we protect your data")  // said without the arrow
                    font.pixelSize: Theme.small
                    onClicked: screen.session.openNotice()
                }

                Grid {
                    width: parent.width
                    columns: Theme.portrait ? 1 : 2
                    columnSpacing: Theme.gap
                    rowSpacing: Theme.gap
                    Field {
                        width: Theme.portrait ? fields.width : (fields.width - Theme.gap) / 2
                        session: screen.session
                        name: "given_name"
                        label: qsTr("Given name")
                    }
                    Field {
                        width: Theme.portrait ? fields.width : (fields.width - Theme.gap) / 2
                        session: screen.session
                        name: "family_name"
                        label: qsTr("Family name")
                    }
                }
                Row {
                    width: parent.width
                    spacing: Theme.gap
                    Field {
                        width: Math.max(Theme.px(220), parent.width * 0.3)
                        session: screen.session
                        name: "postal_code"
                        label: qsTr("Postal code")
                        hints: Qt.ImhNoPredictiveText | Qt.ImhSensitiveData | Qt.ImhPreferNumbers | Qt.ImhNoAutoUppercase
                    }
                    Field {
                        width: parent.width - parent.spacing - Math.max(Theme.px(220), parent.width * 0.3)
                        session: screen.session
                        name: "town"
                        label: qsTr("Town")
                    }
                }

                Column {
                    width: parent.width
                    spacing: Theme.px(6)
                    Text {
                        textFormat: Text.PlainText
                        text: qsTr("Country")
                        font.family: Theme.fontFamily
                        font.pixelSize: Theme.small
                        font.bold: true
                        color: Theme.text
                    }
                    ComboBox {
                        id: country
                        objectName: "field_country"
                        width: parent.width
                        height: Theme.target
                        model: screen.session.countries
                        textRole: "name"
                        valueRole: "code"
                        currentIndex: country.count > 0 ? country.indexOfValue(screen.session.fields.country) : -1
                        font.family: Theme.fontFamily
                        font.pixelSize: Theme.body
                        focusPolicy: Qt.NoFocus
                        Accessible.name: qsTr("Country")
                        onActivated: screen.session.setField("country", country.currentValue)
                        delegate: ItemDelegate {
                            required property var modelData
                            required property int index
                            width: country.width
                            height: Theme.target
                            text: modelData.name
                            font.family: Theme.fontFamily
                            font.pixelSize: Theme.body
                            highlighted: country.highlightedIndex === index
                        }
                        popup.height: Math.min(screen.height * 0.7, Theme.target * 8)
                        contentItem: Text {
                            textFormat: Text.PlainText
                            leftPadding: Theme.gap
                            text: country.displayText
                            font: country.font
                            color: Theme.text
                            verticalAlignment: Text.AlignVCenter
                            elide: Text.ElideRight
                        }
                        background: Rectangle {
                            radius: Theme.radius
                            color: country.down ? Theme.secondary : Theme.surface
                            border.width: (screen.session.errors.country || "") !== "" ? 3 : 1
                            border.color: (screen.session.errors.country || "") !== "" ? Theme.error : Theme.line
                        }
                    }
                    Text {
                        textFormat: Text.PlainText
                        visible: (screen.session.errors.country || "") !== ""
                        text: "⚠ " + Words.error(screen.session.errors.country || "")
                        font.family: Theme.fontFamily
                        font.pixelSize: Theme.small
                        color: Theme.error
                    }
                }

                Field {
                    width: parent.width
                    session: screen.session
                    name: "email"
                    label: qsTr("Email (optional, only for news)")
                    hints: Qt.ImhEmailCharactersOnly | Qt.ImhNoAutoUppercase | Qt.ImhNoPredictiveText | Qt.ImhSensitiveData
                }

                Repeater {
                    model: screen.session.case.consents
                    delegate: ConsentBox {
                        required property var modelData
                        width: fields.width
                        session: screen.session
                        item: modelData
                    }
                }

                Text {
                    textFormat: Text.PlainText
                    text: qsTr("Your signature (optional)")
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.small
                    font.bold: true
                    color: Theme.text
                }
                SignaturePad {
                    width: parent.width
                    height: Theme.px(230)
                    session: screen.session
                }
                Item { width: 1; height: screen.keyboardHeight > 0 ? Theme.gap : 0 }
            }
        }

        Rectangle {
            Layout.fillWidth: true
            Layout.preferredHeight: Theme.target + Theme.gap * 2
            color: Theme.surface
            RowLayout {
                anchors.fill: parent
                anchors.leftMargin: Theme.margin
                anchors.rightMargin: Theme.margin
                spacing: Theme.gap
                Text {
                    objectName: "formProblem"
                    textFormat: Text.PlainText
                    Layout.fillWidth: true
                    visible: Object.keys(screen.session.errors).length > 0 || screen.session.problem !== ""
                    text: screen.session.problem !== "" ? Words.problem(screen.session.problem) : qsTr("Please check the fields marked in red.")
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.body
                    font.bold: true
                    color: Theme.error
                    wrapMode: Text.Wrap
                }
                Item { Layout.fillWidth: Object.keys(screen.session.errors).length === 0 && screen.session.problem === "" }
                BigButton {
                    objectName: "previewButton"
                    primary: true
                    text: qsTr("See my letter")
                    Layout.preferredWidth: Theme.px(400)
                    onClicked: {
                        screen.forceActiveFocus()
                        screen.session.preview()
                    }
                }
            }
        }
    }

    NoticeSheet {
        anchors.fill: parent
        z: 10
        session: screen.session
    }
}
