pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Kiosk

// The letter exactly as it will print, to read (pinch to zoom) before confirming.
Rectangle {
    id: screen

    required property Session session

    objectName: "previewScreen"
    color: Theme.background

    // The button says what confirming does with the letter, as the thank-you then does: a
    // printer only where there is one (letters for the PDF folder are printed later).
    function confirmText(outcome) {
        switch (outcome) {
        case "printing":
        case "queued": return qsTr("Confirm and print")
        case "batch":
        case "saved": return qsTr("Confirm – printed later")
        default: return qsTr("Confirm my signature")
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        TopBar {
            Layout.fillWidth: true
            session: screen.session
            heading: qsTr("Your letter")
        }

        Rectangle {
            objectName: "problem"
            Layout.fillWidth: true
            Layout.margins: Theme.gap
            Layout.preferredHeight: problemText.implicitHeight + Theme.gap * 2
            visible: screen.session.problem !== ""
            color: Theme.errorBackground
            border.color: Theme.error
            border.width: 3
            radius: Theme.radius
            Text {
                id: problemText
                objectName: "problemText"
                textFormat: Text.PlainText
                anchors.fill: parent
                anchors.margins: Theme.gap
                text: Words.problem(screen.session.problem)
                wrapMode: Text.Wrap
                font.family: Theme.fontFamily
                font.pixelSize: Theme.body
                color: Theme.error
            }
        }

        Flickable {
            id: page
            objectName: "previewPage"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            contentWidth: Math.max(width, letter.width * letter.scale)
            contentHeight: letter.height * letter.scale + Theme.gap * 2
            boundsBehavior: Flickable.StopAtBounds

            Image {
                id: letter
                objectName: "previewImage"
                property real zoom: 1.0
                x: (page.contentWidth - width * scale) / 2
                y: Theme.gap
                width: Math.min(page.width - Theme.gap * 2, Theme.px(900))
                height: sourceSize.width > 0 ? width * sourceSize.height / sourceSize.width : width * 1.414
                transformOrigin: Item.TopLeft
                scale: zoom
                source: screen.session.previewSource
                cache: false
                Component.onDestruction: letter.source = ""
                asynchronous: false  // the picture is drawn already and waits in memory
                fillMode: Image.PreserveAspectFit
                Accessible.role: Accessible.Graphic
                Accessible.name: qsTr("Your letter")
                Rectangle { anchors.fill: parent; color: "transparent"; border.color: Theme.line; border.width: 1 }
            }
            PinchArea {
                anchors.fill: parent
                pinch.target: letter
                pinch.minimumScale: 1.0
                pinch.maximumScale: 3.0
                onPinchFinished: letter.zoom = letter.scale
            }
            BusyIndicator {
                anchors.centerIn: parent
                running: screen.session.busy
                visible: running
                width: Theme.target * 1.5
                height: width
            }
        }

        Rectangle {
            Layout.fillWidth: true
            // Two lines when the sentence is longer than an upright panel's button is wide.
            Layout.preferredHeight: Math.max(Theme.target, confirm.implicitHeight) + Theme.gap * 2
            color: Theme.surface
            RowLayout {
                anchors.fill: parent
                anchors.leftMargin: Theme.margin
                anchors.rightMargin: Theme.margin
                spacing: Theme.gap
                BigButton {
                    objectName: "changeButton"
                    text: qsTr("Change")
                    Layout.preferredWidth: Theme.px(260)
                    onClicked: screen.session.back()
                }
                Item { Layout.fillWidth: true }
                BigButton {
                    id: confirm
                    objectName: "confirmButton"
                    primary: true
                    wrap: true
                    Layout.fillWidth: true
                    Layout.maximumWidth: Theme.px(480)
                    text: screen.confirmText(screen.session.letterOutcome)
                    onClicked: screen.session.confirm()
                }
            }
        }
    }
}
