"""The touchscreen: Qt Quick screens on top of small Python controllers over the Qt-free core."""
