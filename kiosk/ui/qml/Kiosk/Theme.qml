pragma Singleton
import QtQuick

// Every size, colour, font and duration of the screens. Sizes follow the window: `scale` is 1 at
// 1280x800 (either way round), touch targets never shrink below 56 px and text never below 18 px.
QtObject {
    property real scale: 1.0
    property real textScale: 1.0
    property bool portrait: false

    function px(value) { return Math.round(value * scale) }
    function textPx(value) { return Math.max(18, Math.round(value * scale * textScale)) }

    // Colours: near-black on warm white, one strong accent, red only for errors (all >= 7:1).
    readonly property color background: "#fbf8f1"
    readonly property color surface: "#ffffff"
    readonly property color text: "#1a1a1a"
    readonly property color muted: "#454545"
    readonly property color accent: "#ffdd00"
    readonly property color accentText: "#111111"
    readonly property color accentPressed: "#e6c400"
    readonly property color secondary: "#e7e2d8"
    readonly property color secondaryPressed: "#d3ccbe"
    readonly property color line: "#8a8275"
    readonly property color focus: "#0b57d0"
    readonly property color error: "#a4001d"
    readonly property color errorBackground: "#fde8ea"
    readonly property color dim: "#cc000000"
    readonly property color ink: "#1b2a6b"
    readonly property color placeholderTop: "#2b2a33"
    readonly property color placeholderBottom: "#4a4038"

    // Type
    readonly property string fontFamily: "Noto Sans"
    readonly property int body: textPx(26)
    readonly property int small: textPx(20)
    readonly property int lead: textPx(30)
    readonly property int title: textPx(50)
    readonly property int hero: textPx(64)

    // Touch and spacing
    readonly property int target: Math.max(56, px(72))
    readonly property int gap: Math.max(16, px(20))
    readonly property int margin: Math.max(20, px(40))
    readonly property int radius: px(14)

    // The on-screen keyboard: Qt's style draws it 3.2 times as wide as high; it takes at most
    // this share of the window's height (narrower on wide, low panels) on a band of this colour.
    readonly property real keyboardAspect: 3.2
    readonly property real keyboardShare: 0.4
    // ... but never so low that its keys are drawn under a finger's 56 px (a key is drawn 0.22
    // of the keyboard's height high, less its margins: 55 px at 1024x600's 240 px).
    readonly property int keyboardLeast: 256
    readonly property color keyboardBand: "#263238"  // the default style's own background

    // Motion: calm and short
    readonly property int fast: 150
    readonly property int normal: 220
    readonly property int crossFade: 1200
}
