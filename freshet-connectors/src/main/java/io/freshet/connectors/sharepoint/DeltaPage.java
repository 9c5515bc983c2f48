package io.freshet.connectors.sharepoint;

import java.util.List;

/**
 * One page of a drive's delta: its items and exactly one of the link to the next page or, on the last page, the
 * delta link to ask for later changes.
 */
public record DeltaPage(List<DriveItem> items, String nextLink, String deltaLink) {

    public DeltaPage {
        items = List.copyOf(items);
        if ((nextLink == null) == (deltaLink == null)) {
            throw new IllegalArgumentException("a delta page carries exactly one of @odata.nextLink and @odata.deltaLink");
        }
    }

    /** Where reading continues after this page. */
    public String following() {
        return nextLink != null ? nextLink : deltaLink;
    }

    public boolean isLast() {
        return deltaLink != null;
    }
}
