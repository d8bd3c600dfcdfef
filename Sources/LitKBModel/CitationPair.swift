/// One citation as the NIH Open Citation Collection gives it: the work with PMID `citing`
/// lists the work with PMID `cited` among its references.
public struct CitationPair: Hashable, Sendable, Comparable {
    public var citing: Int64
    public var cited: Int64

    public init(citing: Int64, cited: Int64) {
        self.citing = citing
        self.cited = cited
    }

    public static func < (a: CitationPair, b: CitationPair) -> Bool {
        a.citing != b.citing ? a.citing < b.citing : a.cited < b.cited
    }
}
