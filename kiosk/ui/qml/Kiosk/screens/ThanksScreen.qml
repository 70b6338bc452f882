pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Kiosk

// Thank you: what happens to the letter, QR codes to follow, share or donate, the counter, and
// the other cases to sign for with the same details.
Rectangle {
    id: screen

    required property Session session
    readonly property var thanks: screen.session.thanks
    // A double tap on "Confirm" must not land on a button here and end the thank-you at once.
    property bool ready: false
    Timer { interval: 1200; running: true; onTriggered: screen.ready = true }

    objectName: "thanksScreen"
    color: Theme.background

    function letterLine(status) {
        switch (status) {
        case "printing": return qsTr("Your letter is printing: please pick it up at the printer and post it in the box.")
        case "queued": return qsTr("Your letter is in the print queue: a volunteer will make sure it is printed and sent.")
        case "batch": return qsTr("Your letter will be printed with the others and sent by the volunteers.")
        case "saved": return qsTr("Your letter has been saved: the volunteers will print it and send it.")
        default: return qsTr("Your signature has been recorded.")
        }
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.margin
        spacing: Theme.gap

        Text {
            objectName: "thanksTitle"
            textFormat: Text.PlainText
            Layout.fillWidth: true
            text: (screen.thanks.name || "") !== "" ? qsTr("Thank you, %1!").arg(screen.thanks.name) : qsTr("Thank you!")
            font.family: Theme.fontFamily
            font.pixelSize: Theme.hero
            font.bold: true
            wrapMode: Text.Wrap
            color: Theme.text
        }
        Text {
            objectName: "letterStatus"
            textFormat: Text.PlainText
            Layout.fillWidth: true
            text: screen.letterLine(screen.thanks.letter || "")
            font.family: Theme.fontFamily
            font.pixelSize: Theme.lead
            wrapMode: Text.Wrap
            color: Theme.text
        }
        // The other cases and the QR codes take the room left between the words and "Done":
        // the codes shrink to fit it, down to a size a phone still reads, and past that the
        // part scrolls while "Done" stays in view at the bottom.
        Flickable {
            id: middle
            objectName: "thanksMiddle"
            Layout.fillWidth: true
            Layout.fillHeight: true
            contentHeight: offers.implicitHeight
            clip: true
            boundsBehavior: Flickable.StopAtBounds
            ScrollBar.vertical: ScrollBar { width: Theme.px(10); policy: ScrollBar.AsNeeded }

            Column {
                id: offers
                width: middle.width
                spacing: Theme.gap

                Repeater {
                    model: screen.thanks.others || []
                    delegate: BigButton {
                        required property var modelData
                        objectName: "another_" + modelData.id
                        width: offers.width
                        wrap: true
                        enabled: screen.ready
                        text: qsTr("Sign for %1 too, with the same details").arg(modelData.person)
                        onClicked: screen.session.signAnother(modelData.id)
                    }
                }

                Flow {
                    id: codes
                    // What is left for a card once the buttons above have their place, less
                    // up to three lines of caption.
                    readonly property int room: middle.height - codes.y - Math.ceil(Theme.small * 4.3) - Theme.px(8)
                    readonly property int cardSize: Math.max(Math.max(120, Theme.px(130)),
                                                             Math.min(Theme.px(190), codes.room))
                    readonly property int count: (screen.thanks.codes || []).length
                    readonly property int captionWidth: Math.min(
                        Theme.px(230), (codes.width - codes.spacing * (codes.count - 1)) / Math.max(1, codes.count))
                    width: offers.width
                    spacing: Theme.margin
                    Repeater {
                        model: screen.thanks.codes || []
                        delegate: QrCard {
                            required property var modelData
                            size: codes.cardSize
                            captionWidth: codes.captionWidth
                            source: modelData.source
                            caption: modelData.kind === "donate" ? qsTr("Support our work")
                                     : modelData.kind === "share" ? qsTr("Tell your friends")
                                     : qsTr("Follow %1's case").arg(screen.session.case.person)
                        }
                    }
                }
            }
        }

        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.gap

            Text {
                textFormat: Text.PlainText
                Layout.fillWidth: true
                text: qsTr("%n letter(s) written today", "", screen.session.today)
                font.family: Theme.fontFamily
                font.pixelSize: Theme.body
                wrapMode: Text.Wrap
                color: Theme.muted
            }
            BigButton {
                objectName: "doneButton"
                enabled: screen.ready
                primary: true
                implicitWidth: Theme.px(360)
                text: qsTr("Done")
                onClicked: screen.session.finish()
            }
        }
    }
}
