"""kexie-desktop: fill in a 部门整体支出绩效自评报告, check it live, print it as an official document."""

__version__ = "0.1.0"
APP_NAME = "kexie-desktop"
APP_DISPLAY_NAME = "部门整体支出绩效自评"
