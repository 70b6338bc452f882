pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// A white card to sign on with a finger. Each stroke is kept as points in the pad's own
// coordinates and handed to the session when the finger lifts; "Clear" starts again.
Rectangle {
    id: pad

    required property Session session
    property var strokes: []
    property var current: []

    objectName: "signaturePad"
    color: Theme.surface
    radius: Theme.radius
    border.width: 2
    border.color: Theme.line
    Accessible.role: Accessible.Canvas
    Accessible.name: qsTr("Sign here with your finger (optional)")

    function clear() {
        pad.strokes = []
        pad.current = []
        canvas.requestPaint()
        pad.session.clearDrawing()
    }

    // A fresh person (a reset) or a drawing cleared elsewhere empties the pad.
    Connections {
        target: pad.session
        function onHasDrawingChanged() {
            if (!pad.session.hasDrawing && pad.strokes.length > 0) {
                pad.strokes = []
                pad.current = []
                canvas.requestPaint()
            }
        }
    }

    Text {
        textFormat: Text.PlainText
        anchors.centerIn: parent
        visible: pad.strokes.length === 0 && pad.current.length === 0
        text: qsTr("Sign here")
        font.family: Theme.fontFamily
        font.pixelSize: Theme.lead
        color: Theme.muted
    }
    Rectangle {
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.margins: Theme.gap * 1.5
        anchors.bottomMargin: parent.height * 0.28
        height: 2
        color: Theme.line
    }
    Canvas {
        id: canvas
        anchors.fill: parent
        onPaint: {
            const ctx = getContext("2d")
            ctx.clearRect(0, 0, width, height)
            ctx.strokeStyle = Theme.ink
            ctx.lineWidth = Math.max(3, Theme.px(4))
            ctx.lineCap = "round"
            ctx.lineJoin = "round"
            const all = pad.strokes.concat(pad.current.length > 0 ? [pad.current] : [])
            for (const stroke of all) {
                ctx.beginPath()
                ctx.moveTo(stroke[0][0], stroke[0][1])
                for (let i = 1; i < stroke.length; i++)
                    ctx.lineTo(stroke[i][0], stroke[i][1])
                if (stroke.length === 1)
                    ctx.lineTo(stroke[0][0] + 0.5, stroke[0][1])
                ctx.stroke()
            }
        }
    }
    MouseArea {
        id: area
        objectName: "signatureArea"
        anchors.fill: parent
        preventStealing: true
        onPressed: mouse => {
            pad.current = [[mouse.x, mouse.y]]
            canvas.requestPaint()
        }
        onPositionChanged: mouse => {
            const x = Math.max(0, Math.min(pad.width, mouse.x))
            const y = Math.max(0, Math.min(pad.height, mouse.y))
            pad.current.push([x, y])
            canvas.requestPaint()
        }
        onReleased: {
            if (pad.current.length > 0)
                pad.strokes = pad.strokes.concat([pad.current])
            pad.current = []
            pad.session.setDrawing(pad.strokes, pad.width, pad.height)
            canvas.requestPaint()
        }
    }
    BigButton {
        objectName: "clearSignature"
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.margins: Theme.px(8)
        visible: pad.strokes.length > 0
        text: qsTr("Clear")
        implicitWidth: Theme.target * 2
        onClicked: pad.clear()
    }
}
