import LitKBModel

/// The tags of NLM's MEDLINE display format ("MEDLINE/PubMed Data Element (Field)
/// Descriptions") that the record builder does not read into a field of its own.
enum MEDLINETags {
    /// Comments/corrections tags, each a notice link named the way PubMed's page prints it, so
    /// that `LinkKind(noticeName:)` gives the kind the page-text and PubMed XML parsers give.
    static let noticeLabels = LinkKind.medlineNoticeTags

    static func noticeKind(_ tag: String) -> LinkKind? {
        noticeLabels[tag].map { LinkKind(noticeName: $0) }
    }

    /// Tags litkb has no field for, passed over silently the way the PubMed XML parser passes
    /// over the same elements (History, PublicationStatus, DateCompleted, CitationSubset,
    /// GrantList, InvestigatorList, ...), so a MEDLINE record and an XML record of one article
    /// come out alike.
    static let unused: Set<String> = [
        // Record status and bookkeeping dates (MedlineCitation attributes, History but EDAT).
        "OWN", "STAT", "DA", "DCOM", "LR", "CRDT", "MHDA", "PHST", "PST", "PUBM", "PMCR",
        // Journal facts beyond its title, abbreviation and ISSN (MedlineJournalInfo).
        "JID", "PL", "SB",
        // Grants, investigators, gene symbols, notes, personal names as subject, space flights.
        "GR", "IRAD", "GS", "GN", "PS", "FPS", "SFM", "RF",
        // Book parts the XML parser also leaves out: editors, edition, ISBN, publisher and
        // collection and volume titles (VTI is a book's volume title; the vernacular title is
        // TT), chapter, contribution and revision dates.
        "ED", "FED", "EN", "ISBN", "PB", "CTI", "VTI", "CP", "CTDT", "DRDT",
    ]

    /// Every tag the builder reads itself.
    static let read: Set<String> = [
        "PMID", "DP", "DEP", "TI", "TT", "BTI", "AB", "CI", "OAB", "OABL", "OCI", "FAU", "AU", "AUID", "AD", "CN",
        "LA", "PT", "MH", "OT", "OTO", "RN", "NM", "TA", "JT", "IS", "VI", "IP", "PG", "AID", "LID", "PMC", "MID",
        "OID", "SO", "COIS", "COI", "SI", "FIR", "IR",
    ]

    static func isKnown(_ tag: String) -> Bool {
        read.contains(tag) || unused.contains(tag) || noticeLabels[tag] != nil
    }
}
