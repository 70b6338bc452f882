pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Kiosk

// The volunteers' dashboard: the day's figures, the printer and delivery with what to do about
// them, the event's settings, export, lock and quit. It speaks the screens' language (the event's
// default once admin mode has reset the visit), like every other screen; so do the sentences the
// controller says in `message`. The message keeps a fixed place, so nothing moves under a finger.
Rectangle {
    id: screen

    required property AdminController admin
    required property CrashNotice crashNotice
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
            Layout.preferredHeight: Math.max(Theme.target, headerTitle.implicitHeight) + Theme.gap
            color: Theme.surface
            RowLayout {
                anchors.fill: parent
                anchors.margins: Theme.gap / 2
                spacing: Theme.gap
                Text {
                    // On a narrow screen the figures wrap, smaller, rather than end in an ellipsis.
                    id: headerTitle
                    textFormat: Text.PlainText
                    Layout.fillWidth: true
                    text: qsTr("Admin · %1 signatures today, %2 in all").arg(screen.d.today || 0).arg(screen.d.total || 0)
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.portrait ? Theme.body : Theme.lead
                    font.bold: true
                    color: Theme.text
                    wrapMode: Text.Wrap
                }
                BigButton { objectName: "adminRefresh"; text: qsTr("Refresh"); onClicked: screen.admin.refresh() }
                BigButton { objectName: "adminLock"; text: qsTr("Lock"); primary: true; onClicked: screen.admin.lock() }
            }
        }

        // The kiosk restarted after a crash: said until a volunteer has seen it (the report is
        // beside the logs, for whoever looks after the kiosk).
        Rectangle {
            objectName: "crashNotice"
            visible: screen.crashNotice.crashedAt !== ""
            Layout.fillWidth: true
            Layout.preferredHeight: Math.max(Theme.target, crashText.implicitHeight) + Theme.gap
            color: Theme.errorBackground
            RowLayout {
                anchors.fill: parent
                anchors.leftMargin: Theme.margin
                anchors.rightMargin: Theme.gap / 2
                spacing: Theme.gap
                Text {
                    id: crashText
                    objectName: "crashText"
                    textFormat: Text.PlainText
                    Layout.fillWidth: true
                    text: qsTr("Restarted after a crash at %1").arg(screen.crashNotice.crashedAt)
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.body
                    font.bold: true
                    color: Theme.error
                    wrapMode: Text.Wrap
                }
                BigButton { objectName: "crashAcknowledge"; text: qsTr("Seen"); onClicked: screen.crashNotice.acknowledge() }
            }
        }

        // Always there, with the same height whether it says something or not: a message that
        // appeared above the page would push every button down under the volunteer's finger.
        // A long sentence shrinks (never below Theme.small) to fit its three lines (four on a
        // portrait screen, narrower and taller).
        Text {
            objectName: "adminMessage"
            textFormat: Text.PlainText
            Layout.fillWidth: true
            Layout.minimumHeight: Math.ceil(messageMetrics.height * (Theme.portrait ? 4 : 3))
            Layout.maximumHeight: Layout.minimumHeight
            Layout.leftMargin: Theme.margin
            Layout.rightMargin: Theme.margin
            text: screen.admin.message
            wrapMode: Text.Wrap
            elide: Text.ElideRight
            verticalAlignment: Text.AlignVCenter
            fontSizeMode: Text.Fit
            minimumPixelSize: Theme.small
            font.family: Theme.fontFamily
            font.pixelSize: Theme.body
            font.bold: true
            color: Theme.text

            FontMetrics {
                id: messageMetrics
                font.family: Theme.fontFamily
                font.pixelSize: Theme.small
                font.bold: true
            }
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
                    text: screen.d.clockWarning ? qsTr("Wrong clock: %1").arg(screen.d.clockWarning) : ""
                    font.bold: true
                    color: Theme.error
                }

                Heading { text: qsTr("Cases") }
                Repeater {
                    model: screen.d.perCase || []
                    delegate: Line {
                        required property var modelData
                        text: qsTr("%1: %2 today, %3 in all").arg(modelData.person).arg(modelData.today).arg(modelData.total)
                    }
                }

                Heading { text: qsTr("Letters and printer") }
                Line {
                    objectName: "adminPrinter"
                    text: (screen.d.printer || "") + ": " + (screen.d.printerState || "")
                          + (screen.d.printerReason ? " (" + screen.d.printerReason + ")" : "")
                }
                Line {
                    objectName: "adminLetters"
                    text: screen.d.letters ? qsTr("%1 printed, %2 waiting, %3 at the printer, %4 failed")
                                             .arg(screen.d.letters.printed).arg(screen.d.letters.queued)
                                             .arg(screen.d.letters.sent).arg(screen.d.letters.failed) : ""
                }
                Line {
                    objectName: "adminLostLetters"
                    visible: !!screen.d.letters && screen.d.letters.lost > 0
                    text: visible ? qsTr("%1 sealed letter(s) could not print before the kiosk stopped and were not kept. The coordinator prints them from the decrypted export (kiosk decrypt).")
                                    .arg(screen.d.letters.lost) : ""
                    color: Theme.error
                }
                Flow {
                    Layout.fillWidth: true
                    spacing: Theme.gap
                    BigButton { objectName: "adminPrintPending"; text: qsTr("Print all waiting"); onClicked: screen.admin.printPending() }
                    BigButton { objectName: "adminRetryFailed"; text: qsTr("Retry failed"); onClicked: screen.admin.retryFailed() }
                    BigButton { objectName: "adminCancelFailed"; text: qsTr("Cancel failed"); onClicked: screen.admin.cancelFailed() }
                    BigButton { objectName: "adminTestPage"; text: qsTr("Test page"); onClicked: screen.admin.printTestPage() }
                }

                Heading { text: qsTr("Delivery to the organisation") }
                Line {
                    objectName: "adminSync"
                    text: screen.d.syncTarget === "none" ? qsTr("Not set up: signatures stay on this kiosk until exported.")
                          : qsTr("%1 waiting, %2 delivered, %3 refused. Last success: %4")
                                .arg(screen.d.syncPending || 0).arg(screen.d.syncDelivered || 0)
                                .arg(screen.d.syncQuarantined || 0).arg(screen.d.syncLastSuccess || qsTr("never"))
                            + (screen.d.syncLastError ? " " + qsTr("Last error: %1").arg(screen.d.syncLastError) : "")
                }
                BigButton { objectName: "adminSyncNow"; text: qsTr("Sync now"); onClicked: screen.admin.syncNow() }

                Heading { text: qsTr("Event settings") }
                Line { text: qsTr("Printing") }
                Flow {
                    Layout.fillWidth: true
                    spacing: Theme.gap
                    Repeater {
                        model: ["immediate", "batch", "off"]
                        delegate: BigButton {
                            required property string modelData
                            objectName: "adminMode_" + modelData
                            text: modelData === "immediate" ? qsTr("Print at once")
                                  : modelData === "batch" ? qsTr("Collect, print later") : qsTr("No letters")
                            primary: screen.d.printMode === modelData
                            onClicked: screen.admin.setPrintMode(modelData)
                        }
                    }
                }
                Line { text: qsTr("Languages offered (in this order)") }
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
                Line { text: qsTr("Cases shown (in this order)") }
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
                Line { text: qsTr("Ask \"still there?\" after %1 s").arg(screen.d.warningAfter || 0) }
                Flow {
                    Layout.fillWidth: true
                    spacing: Theme.gap
                    Repeater {
                        model: [30, 60, 90, 120]
                        delegate: BigButton {
                            required property int modelData
                            objectName: "adminIdle_" + modelData
                            text: qsTr("%1 s").arg(modelData)
                            primary: screen.d.warningAfter === modelData
                            onClicked: screen.admin.setWarningAfter(modelData)
                        }
                    }
                }

                Heading { text: qsTr("Export") }
                RowLayout {
                    Layout.fillWidth: true
                    spacing: Theme.gap
                    TextField {
                        id: folder
                        objectName: "adminExportFolder"
                        Layout.fillWidth: true
                        Layout.preferredHeight: Theme.target
                        font.pixelSize: Theme.body
                        placeholderText: qsTr("Folder or USB stick, e.g. /media/usb")
                        Accessible.name: qsTr("Export folder")
                    }
                    BigButton { objectName: "adminExport"; text: qsTr("Export spreadsheet"); onClicked: screen.admin.exportTo(folder.text) }
                }

                Heading { text: qsTr("Personal data") }
                Line { text: qsTr("Names, towns and emails are erased %1 days after signing, once delivered and printed; the kiosk does it every day.").arg(screen.d.retentionDays || 0) }
                BigButton { objectName: "adminPurge"; text: qsTr("Erase old personal data now"); onClicked: screen.admin.askPurge() }

                Heading { text: qsTr("This kiosk") }
                Line { text: qsTr("Free disk space: %1").arg(screen.d.diskFree || "") }
                Line { text: qsTr("Database: %1").arg(screen.d.database || "") }
                BigButton { objectName: "adminQuit"; text: qsTr("Quit the kiosk"); onClicked: screen.admin.askQuit() }
            }
        }
    }

    // Erasing asks first, with what it would erase: it cannot be undone.
    Rectangle {
        objectName: "adminPurgeDialog"
        anchors.fill: parent
        visible: screen.admin.purgeQuestion !== ""
        color: Theme.dim

        MouseArea { anchors.fill: parent }  // only the dialog's buttons answer

        Rectangle {
            anchors.centerIn: parent
            width: Math.min(parent.width * 0.9, Theme.px(640))
            height: purgeQuestion.implicitHeight + Theme.margin * 2
            radius: Theme.radius * 2
            color: Theme.surface

            ColumnLayout {
                id: purgeQuestion
                anchors.centerIn: parent
                width: parent.width - Theme.margin * 2
                spacing: Theme.gap

                Text {
                    textFormat: Text.PlainText
                    Layout.fillWidth: true
                    horizontalAlignment: Text.AlignHCenter
                    wrapMode: Text.Wrap
                    text: screen.admin.purgeQuestion
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.lead
                    font.bold: true
                    color: Theme.text
                }
                BigButton {
                    objectName: "adminPurgeConfirm"
                    Layout.fillWidth: true
                    text: qsTr("Yes, erase them")
                    onClicked: screen.admin.confirmPurge()
                }
                BigButton {
                    objectName: "adminPurgeCancel"
                    Layout.fillWidth: true
                    primary: true
                    text: qsTr("No, keep them")
                    onClicked: screen.admin.cancelPurge()
                }
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
            objectName: "adminQuitPanel"
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
