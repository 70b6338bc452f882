pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Kiosk

// The volunteers' dashboard: the day's figures, the printer and delivery with what to do about
// them, the event's settings, export, lock and quit. In English: it is for the stand's team.
Rectangle {
    id: screen

    required property AdminController admin
    readonly property var d: screen.admin.dashboard

    objectName: "adminScreen"
    visible: screen.admin.open
    color: Theme.background

    MouseArea { anchors.fill: parent }  // the visitor screens below take no touch
    KeepInView { flickable: page }  // the export folder stays above the on-screen keyboard

    component Heading: Text {
        textFormat: Text.PlainText
        font.family: Theme.fontFamily
        font.pixelSize: Theme.lead
        font.bold: true
        color: Theme.text
    }
    component Line: Text {
        textFormat: Text.PlainText
        Layout.fillWidth: true
        wrapMode: Text.Wrap
        font.family: Theme.fontFamily
        font.pixelSize: Theme.body
        color: Theme.text
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        Rectangle {
            Layout.fillWidth: true
            Layout.preferredHeight: Theme.target + Theme.gap
            color: Theme.surface
            RowLayout {
                anchors.fill: parent
                anchors.margins: Theme.gap / 2
                spacing: Theme.gap
                Text {
                    textFormat: Text.PlainText
                    Layout.fillWidth: true
                    text: "Admin · " + (screen.d.today || 0) + " signatures today, " + (screen.d.total || 0) + " in all"
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.lead
                    font.bold: true
                    color: Theme.text
                    elide: Text.ElideRight
                }
                BigButton { objectName: "adminRefresh"; text: "Refresh"; onClicked: screen.admin.refresh() }
                BigButton { objectName: "adminLock"; text: "Lock"; primary: true; onClicked: screen.admin.lock() }
            }
        }

        Text {
            objectName: "adminMessage"
            textFormat: Text.PlainText
            Layout.fillWidth: true
            Layout.margins: Theme.gap
            visible: screen.admin.message !== ""
            text: screen.admin.message
            wrapMode: Text.Wrap
            font.family: Theme.fontFamily
            font.pixelSize: Theme.body
            font.bold: true
            color: Theme.text
        }

        Flickable {
            id: page
            Layout.fillWidth: true
            Layout.fillHeight: true
            contentHeight: body.implicitHeight + Theme.margin * 2
            clip: true
            ScrollBar.vertical: ScrollBar { width: Theme.px(10) }

            ColumnLayout {
                id: body
                x: Theme.margin
                y: Theme.margin
                width: parent.width - Theme.margin * 2
                spacing: Theme.gap

                Line {
                    objectName: "adminClock"
                    visible: text !== ""
                    text: screen.d.clockWarning ? "Wrong clock: " + screen.d.clockWarning : ""
                    font.bold: true
                    color: Theme.error
                }

                Heading { text: "Cases" }
                Repeater {
                    model: screen.d.perCase || []
                    delegate: Line {
                        required property var modelData
                        text: modelData.person + ": " + modelData.today + " today, " + modelData.total + " in all"
                    }
                }

                Heading { text: "Letters and printer" }
                Line {
                    objectName: "adminPrinter"
                    text: (screen.d.printer || "") + ": " + (screen.d.printerState || "")
                          + (screen.d.printerReason ? " (" + screen.d.printerReason + ")" : "")
                }
                Line {
                    objectName: "adminLetters"
                    text: screen.d.letters ? screen.d.letters.printed + " printed, " + screen.d.letters.queued + " waiting, "
                          + screen.d.letters.sent + " at the printer, " + screen.d.letters.failed + " failed" : ""
                }
                Flow {
                    Layout.fillWidth: true
                    spacing: Theme.gap
                    BigButton { objectName: "adminPrintPending"; text: "Print all waiting"; onClicked: screen.admin.printPending() }
                    BigButton { objectName: "adminRetryFailed"; text: "Retry failed"; onClicked: screen.admin.retryFailed() }
                    BigButton { objectName: "adminCancelFailed"; text: "Cancel failed"; onClicked: screen.admin.cancelFailed() }
                    BigButton { objectName: "adminTestPage"; text: "Test page"; onClicked: screen.admin.printTestPage() }
                }

                Heading { text: "Delivery to the organisation" }
                Line {
                    objectName: "adminSync"
                    text: screen.d.syncTarget === "none" ? "Not set up: signatures stay on this kiosk until exported."
                          : (screen.d.syncPending || 0) + " waiting, " + (screen.d.syncDelivered || 0) + " delivered, "
                            + (screen.d.syncQuarantined || 0) + " refused. Last success: " + (screen.d.syncLastSuccess || "never")
                            + (screen.d.syncLastError ? ". Last error: " + screen.d.syncLastError : "")
                }
                BigButton { objectName: "adminSyncNow"; text: "Sync now"; onClicked: screen.admin.syncNow() }

                Heading { text: "Event settings" }
                Line { text: "Printing" }
                Flow {
                    Layout.fillWidth: true
                    spacing: Theme.gap
                    Repeater {
                        model: ["immediate", "batch", "off"]
                        delegate: BigButton {
                            required property string modelData
                            objectName: "adminMode_" + modelData
                            text: modelData === "immediate" ? "Print at once" : modelData === "batch" ? "Collect, print later" : "No letters"
                            primary: screen.d.printMode === modelData
                            onClicked: screen.admin.setPrintMode(modelData)
                        }
                    }
                }
                Line { text: "Languages offered (in this order)" }
                Flow {
                    Layout.fillWidth: true
                    spacing: Theme.gap
                    Repeater {
                        model: screen.d.allLanguages || []
                        delegate: BigButton {
                            required property var modelData
                            objectName: "adminLanguage_" + modelData.code
                            text: modelData.name
                            primary: (screen.d.offered || []).indexOf(modelData.code) >= 0
                            onClicked: screen.admin.toggleLanguage(modelData.code)
                        }
                    }
                }
                Line { text: "Cases shown (in this order)" }
                Flow {
                    Layout.fillWidth: true
                    spacing: Theme.gap
                    Repeater {
                        model: screen.d.allCases || []
                        delegate: BigButton {
                            required property var modelData
                            objectName: "adminCase_" + modelData.id
                            text: modelData.person
                            primary: (screen.d.active || []).indexOf(modelData.id) >= 0
                            onClicked: screen.admin.toggleCase(modelData.id)
                        }
                    }
                }
                Line { text: "Ask \"still there?\" after " + (screen.d.warningAfter || 0) + " s" }
                Flow {
                    Layout.fillWidth: true
                    spacing: Theme.gap
                    Repeater {
                        model: [30, 60, 90, 120]
                        delegate: BigButton {
                            required property int modelData
                            objectName: "adminIdle_" + modelData
                            text: modelData + " s"
                            primary: screen.d.warningAfter === modelData
                            onClicked: screen.admin.setWarningAfter(modelData)
                        }
                    }
                }

                Heading { text: "Export" }
                RowLayout {
                    Layout.fillWidth: true
                    spacing: Theme.gap
                    TextField {
                        id: folder
                        objectName: "adminExportFolder"
                        Layout.fillWidth: true
                        Layout.preferredHeight: Theme.target
                        font.pixelSize: Theme.body
                        placeholderText: "Folder or USB stick, e.g. /media/usb"
                        Accessible.name: "Export folder"
                    }
                    BigButton { objectName: "adminExport"; text: "Export CSV"; onClicked: screen.admin.exportTo(folder.text) }
                }

                Heading { text: "This kiosk" }
                Line { text: "Free disk space: " + (screen.d.diskFree || "") }
                Line { text: "Database: " + (screen.d.database || "") }
                BigButton { objectName: "adminQuit"; text: "Quit the kiosk"; onClicked: screen.admin.askQuit() }
            }
        }
    }

    // Quitting asks first: one stray tap on the dashboard must not end the kiosk.
    Rectangle {
        objectName: "adminQuitDialog"
        anchors.fill: parent
        visible: screen.admin.quitAsked
        color: Theme.dim

        MouseArea { anchors.fill: parent }  // only the dialog's buttons answer

        Rectangle {
            anchors.centerIn: parent
            width: Math.min(parent.width * 0.9, Theme.px(640))
            height: question.implicitHeight + Theme.margin * 2
            radius: Theme.radius * 2
            color: Theme.surface

            ColumnLayout {
                id: question
                anchors.centerIn: parent
                width: parent.width - Theme.margin * 2
                spacing: Theme.gap

                Text {
                    textFormat: Text.PlainText
                    Layout.fillWidth: true
                    horizontalAlignment: Text.AlignHCenter
                    wrapMode: Text.Wrap
                    text: qsTr("Close the kiosk? Nobody can sign here until it is started again.")
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.lead
                    font.bold: true
                    color: Theme.text
                }
                BigButton {
                    objectName: "adminQuitConfirm"
                    Layout.fillWidth: true
                    text: qsTr("Yes, close the kiosk")
                    onClicked: screen.admin.quit()
                }
                BigButton {
                    objectName: "adminQuitCancel"
                    Layout.fillWidth: true
                    primary: true
                    text: qsTr("No, keep it running")
                    onClicked: screen.admin.cancelQuit()
                }
            }
        }
    }
}
