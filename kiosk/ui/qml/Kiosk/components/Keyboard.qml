import QtQuick
import QtQuick.VirtualKeyboard

// Qt's on-screen keyboard, in a file of its own so that Main can load it in the background.
InputPanel {
    objectName: "keyboard"
}
