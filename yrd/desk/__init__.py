"""The economist's desk: catalog (`yrd docs`), exports (`yrd export`) and the HTML report
(`yrd report`) over the published warehouse, all read-only and offline."""
