import QtQuick
import QtQuick.VirtualKeyboard
import QtQuick.VirtualKeyboard.Settings

// Qt's on-screen keyboard, in a file of its own so that Main can load it in the background.
// It is also the only file that touches Qt's keyboard settings: made before the panel (as a
// binding in Main would), that settings object leaves the keyboard without a style and so
// without keys one can see (height 0).
InputPanel {
    id: panel

    // The layouts the globe key offers, the screen language's first (`Session.keyboardLocales`).
    // With more than one, Qt shows the current layout's name on the space bar.
    property list<string> layouts: []

    objectName: "keyboard"

    // Qt's style keeps its keyboard 3.2 times as wide as high (a design of 2560 x 800): on a
    // portrait panel, 800 px wide, three of its rows were 55 px high, under a fingertip, while
    // the screen had room to spare. Upright, the keyboard is drawn a third taller; the style
    // scales its letters and margins with the width, so only the rows grow.
    readonly property bool upright: Window.height > Window.width
    Binding {
        target: panel.keyboard.style
        property: "keyboardDesignHeight"
        value: 800 * 4 / 3
        when: panel.upright && panel.keyboard.style !== null
    }

    Binding { target: VirtualKeyboardSettings; property: "activeLocales"; value: panel.layouts }
    Binding { target: VirtualKeyboardSettings; property: "locale"; value: panel.layouts.length > 0 ? panel.layouts[0] : "" }

    // The next field opens the keyboard in the screen language's layout, whatever the last
    // person chose with the globe key (which changes only the keyboard's own choice: setting
    // the settings' locale afresh makes it follow them again).
    // A field that prefers digits but takes letters too (the postal code: UK, NL and CA codes
    // have letters) opens on Qt's digits and symbols, in the engine's "Numeric" mode; that page
    // names its key back to the letters after the mode, so it read "123". Kept in the layout's
    // own mode, the page and its digits stay, and the key reads "ABC" (or "АБВ"...) as it leads.
    Connections {
        target: InputContext.inputEngine
        function onInputModeChanged() { panel.keepLettersMode() }
    }
    function keepLettersMode() {
        const engine = InputContext.inputEngine
        const hints = InputContext.inputMethodHints
        const numbersOnly = Qt.ImhDigitsOnly | Qt.ImhFormattedNumbersOnly | Qt.ImhDialableCharactersOnly
        const numeric = [InputEngine.InputMode.Numeric, InputEngine.InputMode.Dialable]
        if (!(hints & Qt.ImhPreferNumbers) || (hints & numbersOnly) || numeric.indexOf(engine.inputMode) < 0)
            return
        const letters = engine.inputModes.filter(mode => numeric.indexOf(mode) < 0)
        if (letters.length > 0)
            engine.inputMode = letters[0]
    }

    function restart() {
        const first = panel.layouts.length > 0 ? panel.layouts[0] : ""
        if (InputContext.locale === first)
            return  // nothing to rebuild on the way to the next screen
        VirtualKeyboardSettings.locale = ""
        VirtualKeyboardSettings.locale = first
    }
}
