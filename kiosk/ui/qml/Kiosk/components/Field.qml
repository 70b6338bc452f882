pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.VirtualKeyboard
import Kiosk

// One labelled text field, its error said in words under it. The text lives in the session:
// typing sends each change there, and the field shows what the session holds.
Column {
    id: field

    required property Session session
    required property string name
    property string label: ""
    property string hint: ""
    property int hints: Qt.ImhNoPredictiveText | Qt.ImhSensitiveData
    readonly property alias input: input
    readonly property string error: Words.error(field.session.errors[field.name] || "")

    spacing: Theme.px(6)

    Text {
        textFormat: Text.PlainText
        text: field.label
        font.family: Theme.fontFamily
        font.pixelSize: Theme.small
        font.bold: true
        color: Theme.text
    }
    TextField {
        id: input
        objectName: "field_" + field.name
        width: field.width
        height: Theme.target
        text: field.session.fields[field.name] || ""
        placeholderText: field.hint
        placeholderTextColor: Theme.muted
        color: Theme.text
        font.family: Theme.fontFamily
        font.pixelSize: Theme.body
        inputMethodHints: field.hints
        maximumLength: 254
        Accessible.name: field.label
        Accessible.description: field.error
        EnterKeyAction.actionId: EnterKeyAction.Next
        background: Rectangle {
            radius: Theme.radius
            color: field.error !== "" ? Theme.errorBackground : Theme.surface
            border.width: input.activeFocus ? 3 : (field.error !== "" ? 3 : 1)
            border.color: input.activeFocus ? Theme.focus : (field.error !== "" ? Theme.error : Theme.line)
        }
        onTextEdited: field.session.setField(field.name, input.text)
        Keys.onReturnPressed: input.nextItemInFocusChain().forceActiveFocus()
        Keys.onEnterPressed: input.nextItemInFocusChain().forceActiveFocus()
    }
    Text {
        objectName: "error_" + field.name
        textFormat: Text.PlainText
        visible: field.error !== ""
        width: field.width
        text: "⚠ " + field.error
        wrapMode: Text.Wrap
        font.family: Theme.fontFamily
        font.pixelSize: Theme.small
        color: Theme.error
    }
}
