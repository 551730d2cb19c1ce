package io.callstream.enrich.turns;

import java.util.Objects;

/**
 * What an arriving copy of a line is worth next to the copy already held. Live feeds resend a line as they firm it
 * up (rising revision), transports resend records (same revision), and a resend may overtake a later revision.
 */
enum RevisionVerdict {
    /** Same revision, same text: a resend; drop it. */
    DUPLICATE,
    /** A lower revision, or the same revision with other text: older than what is held (or contradicting it); drop it. */
    STALE,
    /** A higher revision: it replaces the held text. */
    NEWER;

    static RevisionVerdict of(int heldRevision, String heldText, int revision, String text) {
        if (revision > heldRevision) {
            return NEWER;
        }
        return revision == heldRevision && Objects.equals(heldText, text) ? DUPLICATE : STALE;
    }
}
