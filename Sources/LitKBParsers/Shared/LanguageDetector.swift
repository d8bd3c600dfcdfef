import LitKBModel

/// Decides the language of a text from its words: stop words, telling word endings and
/// letters (`ñ`, `ß`, `ã`), the way a reader would. Built for abstracts and keywords, where
/// a source names no language or names it wrongly.
///
/// ```swift
/// LanguageDetector.detect("La psicoterapia asistida por MDMA es una combinación...")  // "spa"
/// LanguageDetector.detect("MDMA")                                                    // nil
/// LanguageDetector.detect("alianza terapéutica", among: ["eng", "spa"])              // "spa"
/// ```
///
/// Codes are ISO 639-2/B as PubMed uses them: `eng`, `spa`, `ger`, `fre`, `por`, `ita`, `dut`.
public enum LanguageDetector {
    public static let supportedLanguages = ["eng", "spa", "ger", "fre", "por", "ita", "dut"]

    /// The language the text is written in, or nil when no language clearly leads
    /// (a bare acronym, a tie between Spanish and Portuguese on two words).
    ///
    /// `candidates` narrows the choice, e.g. to the languages of a record's abstracts when
    /// deciding a keyword's language; nil means every supported language.
    public static func detect(_ text: some StringProtocol, among candidates: [String]? = nil) -> String? {
        decide(tally(text), among: candidates)
    }

    /// The language of a record's main abstract, whose source names none: English for a record
    /// in English alone (or in no language it names); for a record in other languages, with or
    /// without English, the abstract's words choose among English and those.
    static func mainAbstractLanguage(_ abstract: Abstract, recordLanguages: [String]) -> String {
        let text = abstract.plainText
        let others = recordLanguages.filter { $0 != "eng" && supportedLanguages.contains($0) }
        if !others.isEmpty { return detect(text, among: ["eng"] + others) ?? "eng" }
        // A record said to be in English alone may still carry its main abstract in another
        // language (PMID 34092076: Spanish). Only overwhelming evidence overrules the record:
        // another language scoring at least 12 and three times English's score.
        let scores = scores(text)
        if let (language, score) = scores.filter({ $0.key != "eng" }).max(by: { $0.value < $1.value }),
           score >= 12, score >= 3 * (scores["eng"] ?? 0) {
            return language
        }
        return "eng"
    }

    /// The leading language of a tally (see `tally(_:)`), as `detect` decides it.
    static func decide(_ tally: [Int], among candidates: [String]? = nil) -> String? {
        var best: (language: String, score: Int)?
        var second = 0
        for language in candidates ?? supportedLanguages {
            guard let index = supportedLanguages.firstIndex(of: language) else { continue }
            let score = tally[index]
            if let current = best {
                if score > current.score {
                    second = current.score
                    best = (language, score)
                } else if score > second {
                    second = score
                }
            } else {
                best = (language, score)
            }
        }
        guard let best, best.score > 0, best.score > second else { return nil }
        return best.language
    }

    /// Evidence per language: stop-word hits count 2, a telling word ending or letter 1.
    public static func scores(_ text: some StringProtocol) -> [String: Int] {
        let tally = tally(text)
        var result: [String: Int] = [:]
        for (index, language) in supportedLanguages.enumerated() where tally[index] > 0 { result[language] = tally[index] }
        return result
    }

    /// Languages as bits, in `supportedLanguages` order.
    private typealias LanguageSet = UInt8

    private static func bits(_ languages: [String]) -> LanguageSet {
        languages.reduce(0) { set, language in set | (1 << LanguageSet(supportedLanguages.firstIndex(of: language)!)) }
    }

    /// Scores in `supportedLanguages` order. Works on lower-cased UTF-8 bytes and looks word
    /// endings up by length: generic scalar-view edits cost ~1 µs a word, bytes cost ~50 ns.
    /// Evidence per language in `supportedLanguages` order; tallies of parts add up to the
    /// tally of the whole, so a caller can score lines once and decide on groups of them.
    static func tally(_ text: some StringProtocol) -> [Int] {
        var tally = [Int](repeating: 0, count: supportedLanguages.count)
        var word: [UInt8] = []
        word.reserveCapacity(64)
        var letterCount = 0
        var lettered: LanguageSet = 0
        func add(_ set: LanguageSet, _ points: Int) {
            guard set != 0 else { return }
            for index in 0..<tally.count where set & (1 << LanguageSet(index)) != 0 { tally[index] += points }
        }
        func finishWord() {
            guard letterCount > 0 else { return }
            if let set = stopWords[String(decoding: word, as: UTF8.self)] {
                add(set, 2)
            } else if letterCount >= 5 {
                var matched: LanguageSet = 0
                for length in suffixLengths where length < word.count {
                    if let set = suffixes[String(decoding: word[(word.count - length)...], as: UTF8.self)] { matched |= set }
                }
                add(matched, 1)
            }
            if word.count > 1 {
                for index in 1..<word.count where word[index] == UInt8(ascii: "j") && word[index - 1] == UInt8(ascii: "i") {
                    lettered |= dutch
                }
            }
            add(lettered, 1)
            word.removeAll(keepingCapacity: true)
            letterCount = 0
            lettered = 0
        }
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 128 {
                if value >= 65 && value <= 90 {
                    word.append(UInt8(value + 32))
                    letterCount += 1
                } else if (value >= 97 && value <= 122) || value == 39 {
                    word.append(UInt8(value))
                    letterCount += 1
                } else {
                    finishWord()
                }
            } else if scalar.properties.isAlphabetic {
                for lower in scalar.properties.lowercaseMapping.unicodeScalars {
                    word.append(contentsOf: UTF8.encode(lower)!)
                    if let set = letters[lower] { lettered |= set }
                }
                letterCount += 1
            } else {
                finishWord()
            }
        }
        finishWord()
        return tally
    }

    private static let dutch = bits(["dut"])

    private static let stopWordLists: [String: [String]] = [
        "eng": ["the", "of", "and", "to", "in", "is", "was", "were", "with", "for", "that", "this", "by", "on",
                "are", "as", "be", "from", "at", "or", "an", "which", "these", "not", "we", "have", "has", "been",
                "between", "after", "than", "their", "there", "may", "can", "our", "who", "its", "into", "among",
                "within", "during", "both", "but", "also", "such", "more", "remain", "further", "other"],
        "spa": ["el", "la", "los", "las", "de", "del", "y", "en", "que", "por", "para", "con", "una", "un", "es",
                "se", "al", "lo", "como", "más", "pero", "sus", "su", "entre", "sobre", "este", "esta", "estos",
                "estas", "fue", "fueron", "ha", "han", "sido", "muy", "sin", "también", "según", "desde", "no",
                "si", "o", "a", "les", "después", "aunque"],
        "ger": ["der", "die", "das", "und", "ist", "nicht", "mit", "von", "zu", "den", "dem", "des", "ein", "eine",
                "einer", "eines", "bei", "auf", "für", "wurden", "werden", "wurde", "sich", "im", "sind", "als",
                "auch", "nach", "oder", "wie", "durch", "zur", "zum", "aus", "über", "unter", "wir", "es", "in",
                "bzw", "sowie", "kann", "können", "zwischen"],
        "fre": ["le", "la", "les", "de", "des", "du", "et", "en", "un", "une", "est", "dans", "pour", "sur", "avec",
                "par", "que", "qui", "au", "aux", "ont", "été", "sont", "ces", "cette", "il", "elle", "nous", "pas",
                "ne", "ou", "plus", "entre", "chez", "leur", "leurs", "se", "son", "sa", "ses", "après", "lors"],
        "por": ["o", "os", "a", "as", "de", "do", "da", "dos", "das", "e", "em", "no", "na", "nos", "nas", "um",
                "uma", "que", "por", "para", "com", "não", "se", "foi", "foram", "ao", "aos", "pelo", "pela",
                "entre", "mais", "como", "ou", "seu", "sua", "são", "também", "este", "esta", "após", "pelos"],
        "ita": ["il", "lo", "la", "i", "gli", "le", "di", "del", "della", "dei", "delle", "e", "è", "in", "un",
                "una", "che", "per", "con", "non", "sono", "nel", "nella", "nei", "da", "dal", "dalla", "al",
                "alla", "si", "come", "più", "tra", "questo", "questa", "stato", "stati", "anche", "dopo", "ed"],
        "dut": ["de", "het", "een", "van", "en", "is", "niet", "met", "op", "voor", "zijn", "werd", "werden", "bij",
                "aan", "ook", "dat", "die", "te", "in", "om", "als", "door", "naar", "wordt", "worden", "tussen",
                "deze", "dit", "er", "of", "na", "heeft", "hebben", "onderzoek"],
    ]

    /// Word → languages it is a stop word in.
    private static let stopWords: [String: LanguageSet] = {
        var result: [String: LanguageSet] = [:]
        for (language, words) in stopWordLists {
            for word in words { result[word, default: 0] |= bits([language]) }
        }
        return result
    }()

    /// Endings that give a word's language away (checked on words of five letters or more).
    private static let suffixes: [String: LanguageSet] = {
        var result: [String: LanguageSet] = [:]
        for (suffix, languages) in suffixList { result[suffix, default: 0] |= bits(languages) }
        return result
    }()

    /// Byte lengths of the endings, to look each up directly.
    private static let suffixLengths: [Int] = Set(suffixList.map { $0.0.utf8.count }).sorted()

    private static let suffixList: [(String, [String])] = [
        ("ed", ["eng"]), ("ing", ["eng"]), ("ness", ["eng"]), ("ship", ["eng"]), ("ic", ["eng"]),
        ("ics", ["eng"]), ("ism", ["eng"]), ("ity", ["eng"]), ("ous", ["eng"]), ("ful", ["eng"]),
        ("less", ["eng"]), ("y", ["eng"]), ("ss", ["eng"]), ("th", ["eng"]), ("ine", ["eng", "fre", "ita"]), ("ive", ["eng", "fre"]), ("tion", ["eng", "fre"]),
        ("tions", ["eng", "fre"]), ("ance", ["eng", "fre"]), ("ence", ["eng", "fre"]), ("ment", ["eng", "fre"]),
        ("er", ["eng", "ger", "dut"]), ("al", ["eng", "spa", "por", "fre"]),
        ("ción", ["spa"]), ("ciones", ["spa"]), ("idad", ["spa"]), ("dad", ["spa"]), ("ico", ["spa", "por", "ita"]),
        ("ica", ["spa", "por", "ita"]), ("icos", ["spa", "por"]), ("icas", ["spa", "por"]), ("ismo", ["spa", "por", "ita"]),
        ("ismos", ["spa", "por"]), ("ada", ["spa", "por"]), ("ado", ["spa", "por"]), ("ido", ["spa", "por", "ita"]),
        ("ida", ["spa", "por"]), ("ia", ["spa", "por", "ita"]), ("io", ["spa", "por", "ita"]), ("anza", ["spa", "ita"]),
        ("mente", ["spa", "por", "ita"]), ("orno", ["spa", "ita"]),
        ("ção", ["por"]), ("ções", ["por"]), ("ão", ["por"]), ("dade", ["por"]),
        ("ung", ["ger"]), ("ungen", ["ger"]), ("keit", ["ger"]), ("heit", ["ger"]), ("lich", ["ger"]),
        ("ie", ["ger", "fre", "dut"]), ("isch", ["ger", "dut"]), ("ische", ["ger", "dut"]), ("en", ["ger", "dut"]),
        ("ique", ["fre"]), ("iques", ["fre"]), ("eux", ["fre"]), ("euse", ["fre"]), ("ée", ["fre"]), ("ées", ["fre"]),
        ("aux", ["fre"]), ("eur", ["fre"]), ("eurs", ["fre"]),
        ("zione", ["ita"]), ("zioni", ["ita"]), ("ità", ["ita"]), ("ati", ["ita"]),
        ("heid", ["dut"]), ("lijk", ["dut"]), ("atie", ["dut"]), ("ingen", ["dut"]),
    ]

    /// Letters that only some of the languages write.
    private static let letters: [Unicode.Scalar: LanguageSet] = {
        var result: [Unicode.Scalar: LanguageSet] = [:]
        for (letter, languages) in letterList { result[letter.unicodeScalars.first!] = bits(languages) }
        return result
    }()

    private static let letterList: [Character: [String]] = [
        "ñ": ["spa"], "ß": ["ger"], "ä": ["ger"], "ö": ["ger"], "ü": ["ger"],
        "ã": ["por"], "õ": ["por"], "ç": ["por", "fre"],
        "è": ["fre", "ita"], "ê": ["fre", "por"], "â": ["fre", "por"], "î": ["fre"], "ô": ["fre", "por"],
        "û": ["fre"], "ë": ["fre", "dut"], "ï": ["fre", "dut"], "à": ["fre", "ita", "por"],
        "é": ["spa", "fre", "por", "ita"], "á": ["spa", "por"], "í": ["spa", "por"], "ó": ["spa", "por"],
        "ú": ["spa", "por"], "ì": ["ita"], "ò": ["ita"], "ù": ["ita", "fre"],
    ]
}
