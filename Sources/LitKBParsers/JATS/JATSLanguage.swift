/// JATS `xml:lang` values (ISO 639-1, `en`, `es`, `pt-BR`) as the ISO 639-2/B codes the model
/// uses (`eng`, `spa`, `por`), the codes PubMed writes.
enum JATSLanguage {
    /// The 639-2/B code; nil for a value litkb does not know. Three-letter codes pass through,
    /// 639-2/T forms (`deu`, `fra`, `zho`) become their /B twins.
    static func code(_ value: String) -> String? {
        let primary = value.whitespaceTrimmed.lowercased().prefix { $0 != "-" && $0 != "_" }
        if primary.count == 2 { return twoLetter[String(primary)] }
        if primary.count == 3, primary.allSatisfy({ $0.isLetter && $0.isASCII }) { return terminologic[String(primary)] ?? String(primary) }
        return nil
    }

    private static let twoLetter: [String: String] = [
        "en": "eng", "es": "spa", "de": "ger", "fr": "fre", "pt": "por", "it": "ita", "nl": "dut", "zh": "chi",
        "ja": "jpn", "ru": "rus", "ko": "kor", "ar": "ara", "pl": "pol", "tr": "tur", "sv": "swe", "da": "dan",
        "no": "nor", "nb": "nor", "nn": "nor", "fi": "fin", "cs": "cze", "hu": "hun", "el": "gre", "he": "heb",
        "fa": "per", "uk": "ukr", "ro": "rum", "hr": "hrv", "sr": "srp", "sk": "slo", "sl": "slv", "bg": "bul",
        "ca": "cat", "lt": "lit", "lv": "lav", "et": "est", "is": "ice", "id": "ind", "ms": "may", "th": "tha",
        "vi": "vie", "hi": "hin", "af": "afr", "sq": "alb", "hy": "arm", "eu": "baq", "ka": "geo", "mk": "mac",
        "cy": "wel", "ga": "gle", "gl": "glg", "la": "lat", "bn": "ben", "ur": "urd", "ta": "tam", "sw": "swa",
        "bs": "bos", "eo": "epo", "mt": "mlt",
    ]

    private static let terminologic: [String: String] = [
        "deu": "ger", "fra": "fre", "zho": "chi", "nld": "dut", "ces": "cze", "ell": "gre", "fas": "per",
        "ron": "rum", "slk": "slo", "isl": "ice", "msa": "may", "sqi": "alb", "hye": "arm", "eus": "baq",
        "kat": "geo", "mkd": "mac", "cym": "wel",
    ]
}
