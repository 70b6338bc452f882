import QtQuick
import Kiosk

// Keeps the field being typed in visible inside a scrolling page: when the focus moves to an
// item of the page, and while the page shrinks because the on-screen keyboard comes up.
Item {
    id: keeper

    required property Flickable flickable
    property real margin: Theme.gap  // between the field and the page's edge

    function reveal() {
        const page = keeper.flickable
        const item = page.Window.activeFocusItem
        if (!item || !page.visible || !keeper.inside(item))
            return
        const top = item.mapToItem(page.contentItem, 0, 0).y
        const bottom = top + item.height
        const margin = keeper.margin
        if (top - margin < page.contentY)
            page.contentY = Math.max(0, top - margin)
        else if (bottom + margin > page.contentY + page.height)
            page.contentY = Math.min(Math.max(0, page.contentHeight - page.height), bottom + margin - page.height)
    }
    function inside(item: Item): bool {
        for (let parent = item.parent; parent; parent = parent.parent) {
            if (parent === keeper.flickable.contentItem)
                return true
        }
        return false
    }

    Connections {
        target: keeper.flickable.Window.window
        function onActiveFocusItemChanged() { Qt.callLater(keeper.reveal) }
    }
    Connections {
        target: keeper.flickable
        function onHeightChanged() { Qt.callLater(keeper.reveal) }
    }
}
