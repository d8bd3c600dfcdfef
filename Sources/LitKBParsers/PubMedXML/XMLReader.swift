internal import CLibXML2
// No Foundation here: with libxml2's ICU-using headers in the same file, the two clash.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// The one file that touches libxml2. Everything else in PubMedXML sees bytes, Swift strings and
// the small `XMLNode` view below; pointers never leave this file except inside that view, which
// lives only while `XMLRecordParser.parse` runs its body.

/// The decompressed bytes of a file. libxml2's own I/O layer reads it, so gzip'd files
/// (PubMed's `.xml.gz`) are inflated by the zlib libxml2 links, and plain files pass through.
final class XMLFileInput {
    private let buffer: xmlParserInputBufferPtr

    /// Opens `path` for reading; nil when it cannot be opened.
    init?(path: String) {
        // An absolute path never looks like a URL, so libxml2's HTTP/FTP handlers never match it.
        var absolute = path
        if !path.hasPrefix("/"), let cwd = getcwd(nil, 0) {
            absolute = String(cString: cwd) + "/" + path
            free(cwd)
        }
        var status = stat()
        guard stat(absolute, &status) == 0, status.st_mode & 0o170000 == 0o100000,  // a regular file
              let buffer = xmlParserInputBufferCreateFilename(absolute, XML_CHAR_ENCODING_NONE) else { return nil }
        self.buffer = buffer
    }

    /// Reads up to `count` bytes into `destination`: the number read, 0 at the end, -1 when the
    /// data cannot be read (a truncated or corrupt gzip stream).
    ///
    /// libxml2's gzip reader drops what it inflated in the read that meets a truncated stream, so
    /// callers read in modest blocks: at most one block before the break is lost.
    func read(into destination: UnsafeMutableRawPointer, count: Int) -> Int {
        Int(litkb_read_input_quietly(buffer, destination.assumingMemoryBound(to: CChar.self), Int32(clamping: count)))
    }

    deinit { xmlFreeParserInputBuffer(buffer) }
}

/// A problem libxml2 reported while parsing one record, its line relative to the record's start.
struct XMLProblem {
    var line: Int
    var message: String
    var fatal: Bool
    /// The line, relative to the record, that the message names as where an element opened
    /// (`Opening and ending tag mismatch: ArticleTitle line 3 and Article`).
    var openedLine: Int?
}

/// Parses one record's bytes into a tree with a reused libxml2 context, never loading a DTD,
/// never expanding an entity, never touching the network.
final class XMLRecordParser {
    private var context: xmlParserCtxtPtr
    private var names: NameTable
    private var problems: [XMLProblem] = []
    /// The declared encoding of the file when it is not UTF-8 (`ISO-8859-1`), handed to libxml2.
    private let encoding: String?

    // NONET: no network; COMPACT: short texts inside their nodes; RECOVER: a broken record still
    // yields a partial tree, so its failure can name its PMID (the record is still reported as
    // failed: `wellFormed` decides). Never NOENT, DTDLOAD, DTDATTR, DTDVALID, XINCLUDE or HUGE.
    private static let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_COMPACT.rawValue
        | XML_PARSE_RECOVER.rawValue | XML_PARSE_NOCDATA.rawValue)

    /// A fresh dictionary once this many names are interned: a hostile file inventing names
    /// cannot grow it without bound.
    private static let dictionaryLimit: Int32 = 200_000

    init?(encoding: String?) {
        xmlInitParser()
        guard let context = XMLRecordParser.makeContext() else { return nil }
        self.context = context
        self.names = NameTable(dictionary: context.pointee.dict)
        self.encoding = encoding
    }

    /// True when libxml2 knows how to decode `encoding`.
    static func supportsEncoding(_ encoding: String) -> Bool {
        guard let handler = xmlFindCharEncodingHandler(encoding) else { return false }
        xmlCharEncCloseFunc(handler)
        return true
    }

    private static func makeContext() -> xmlParserCtxtPtr? {
        guard let context = xmlNewParserCtxt() else { return nil }
        // A structured handler on the context: errors reach `problems` instead of stderr.
        context.pointee.sax.pointee.serror = { _, error in
            guard let error, let owner = error.pointee.ctxt?.assumingMemoryBound(to: xmlParserCtxt.self).pointee._private
            else { return }
            Unmanaged<XMLRecordParser>.fromOpaque(owner).takeUnretainedValue().collect(error.pointee)
        }
        return context
    }

    private func collect(_ error: xmlError) {
        guard problems.count < 20 else { return }
        var message = error.message.map { String(cString: $0) } ?? "XML error \(error.code)"
        while message.last == "\n" || message.last == " " { message.removeLast() }
        let code = UInt32(bitPattern: error.code)
        if code == XML_ERR_UNDECLARED_ENTITY.rawValue || code == XML_WAR_UNDECLARED_ENTITY.rawValue,
           let name = error.str1.map({ String(cString: $0) }) {
            message = "entity &\(name); is not expanded: litkb reads no DTD and expands no entities"
        }
        // Two messages carry the line an element opened on, relative to the record: made absolute
        // by the caller, which knows where the record starts.
        let opened = code == XML_ERR_TAG_NAME_MISMATCH.rawValue || code == XML_ERR_TAG_NOT_FINISHED.rawValue
        problems.append(XMLProblem(line: Int(error.line), message: message, fatal: error.level == XML_ERR_FATAL,
                                   openedLine: opened ? Int(error.int1) : nil))
    }

    /// Parses `bytes` and hands the root element (nil when there is none), whether the record is
    /// well-formed, and libxml2's problems to `body`. The tree is freed when `body` returns.
    func parse<Result>(_ bytes: UnsafeRawBufferPointer,
                       _ body: (_ root: XMLNode?, _ wellFormed: Bool, _ problems: [XMLProblem]) -> Result) -> Result {
        problems.removeAll(keepingCapacity: true)
        if xmlDictSize(context.pointee.dict) > XMLRecordParser.dictionaryLimit, let fresh = XMLRecordParser.makeContext() {
            xmlFreeParserCtxt(context)
            names.deallocate()
            context = fresh
            names = NameTable(dictionary: fresh.pointee.dict)
        }
        context.pointee._private = Unmanaged.passUnretained(self).toOpaque()
        defer { context.pointee._private = nil }
        let base = bytes.baseAddress?.assumingMemoryBound(to: CChar.self)
        let document = xmlCtxtReadMemory(context, base, Int32(clamping: bytes.count), nil, encoding, XMLRecordParser.options)
        defer { if let document { xmlFreeDoc(document) } }
        let wellFormed = document != nil && context.pointee.wellFormed != 0
        let root = document.flatMap { xmlDocGetRootElement($0) }.map { XMLNode(raw: $0, names: names) }
        return body(root, wellFormed, problems)
    }

    deinit {
        xmlFreeParserCtxt(context)
        names.deallocate()
    }
}

/// Maps the interned name pointers of `XMLName` back to their case: open addressing on the
/// pointer's bits, a handful of instructions per element.
struct NameTable {
    private struct Slot {
        var key: UnsafeRawPointer?
        var name: XMLName
    }

    private let slots: UnsafeMutablePointer<Slot>
    private let pointers: UnsafeMutablePointer<UnsafeRawPointer?>
    private static let capacity = 512

    init(dictionary: xmlDictPtr?) {
        slots = .allocate(capacity: NameTable.capacity)
        slots.initialize(repeating: Slot(key: nil, name: .pmid), count: NameTable.capacity)
        pointers = .allocate(capacity: XMLName.allCases.count)
        for (index, name) in XMLName.allCases.enumerated() {
            precondition(NameTable.ordinal(name) == index, "XMLName cases must keep declaration order")
            let key = xmlDictLookup(dictionary, name.rawValue, -1).map { UnsafeRawPointer($0) }
            pointers[index] = key
            guard let key else { continue }
            var slot = NameTable.hash(key)
            while slots[slot].key != nil { slot = (slot + 1) & (NameTable.capacity - 1) }
            slots[slot] = Slot(key: key, name: name)
        }
    }

    func deallocate() {
        slots.deallocate()
        pointers.deallocate()
    }

    private static func hash(_ key: UnsafeRawPointer) -> Int {
        Int(truncatingIfNeeded: (UInt(bitPattern: key) >> 3) &* 0x9E37_79B9_7F4A_7C15 >> 55) & (capacity - 1)
    }

    @inline(__always)
    func name(of key: UnsafePointer<xmlChar>?) -> XMLName? {
        guard let key else { return nil }
        let raw = UnsafeRawPointer(key)
        var slot = NameTable.hash(raw)
        while let candidate = slots[slot].key {
            if candidate == raw { return slots[slot].name }
            slot = (slot + 1) & (NameTable.capacity - 1)
        }
        return nil
    }

    @inline(__always)
    func pointer(of name: XMLName) -> UnsafeRawPointer? {
        pointers[NameTable.ordinal(name)]
    }

    /// The case's position in `XMLName.allCases`: a payload-free enum of fewer than 256 cases
    /// is stored as that one-byte ordinal (checked once in `init`), so this costs nothing.
    @inline(__always)
    private static func ordinal(_ name: XMLName) -> Int {
        Int(unsafeBitCast(name, to: UInt8.self))
    }
}

/// A view of one node of a parsed record: its kind, name, attributes, children and text.
/// Valid only inside the body given to `XMLRecordParser.parse`.
struct XMLNode {
    fileprivate let raw: xmlNodePtr
    fileprivate let names: NameTable

    var isElement: Bool { raw.pointee.type == XML_ELEMENT_NODE }
    var isText: Bool { raw.pointee.type == XML_TEXT_NODE || raw.pointee.type == XML_CDATA_SECTION_NODE }

    /// The element's name when litkb knows it.
    var name: XMLName? { isElement ? names.name(of: raw.pointee.name) : nil }

    /// The element's local name as written, for messages.
    var spelledName: String { raw.pointee.name.map { String(cString: $0) } ?? "" }

    /// The line the node starts on, counted from the record's first line (1).
    var line: Int { Int(xmlGetLineNo(raw)) }

    var firstChild: XMLNode? { raw.pointee.children.map { XMLNode(raw: $0, names: names) } }
    var nextSibling: XMLNode? { raw.pointee.next.map { XMLNode(raw: $0, names: names) } }

    /// The child elements, in order.
    var elements: Elements { Elements(cursor: raw.pointee.children, names: names) }

    struct Elements: Sequence, IteratorProtocol {
        fileprivate var cursor: xmlNodePtr?
        fileprivate let names: NameTable

        mutating func next() -> XMLNode? {
            while let node = cursor {
                cursor = node.pointee.next
                if node.pointee.type == XML_ELEMENT_NODE { return XMLNode(raw: node, names: names) }
            }
            return nil
        }
    }

    /// The first child element called `name`.
    func child(_ name: XMLName) -> XMLNode? {
        elements.first { $0.name == name }
    }

    /// A text node's bytes (UTF-8), valid while the tree lives; empty for other nodes.
    var textBytes: UnsafeBufferPointer<UInt8> {
        guard isText, let content = raw.pointee.content else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: content, count: strlen(UnsafeRawPointer(content).assumingMemoryBound(to: CChar.self)))
    }

    /// The value of attribute `name`, or nil.
    func attribute(_ name: XMLName) -> String? {
        guard let bytes = attributeBytes(name) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// True when attribute `name` is exactly `value` (`MajorTopicYN="Y"`), without a String.
    func attribute(_ name: XMLName, is value: StaticString) -> Bool {
        guard let bytes = attributeBytes(name), bytes.count == value.utf8CodeUnitCount else { return false }
        return bytes.elementsEqual(UnsafeBufferPointer(start: value.utf8Start, count: value.utf8CodeUnitCount))
    }

    private func attributeBytes(_ name: XMLName) -> UnsafeBufferPointer<UInt8>? {
        guard let key = names.pointer(of: name) else { return nil }
        var attribute = raw.pointee.properties
        while let current = attribute {
            if let attributeName = current.pointee.name, UnsafeRawPointer(attributeName) == key {
                guard let text = current.pointee.children, let content = text.pointee.content else {
                    return UnsafeBufferPointer(start: nil, count: 0)
                }
                return UnsafeBufferPointer(start: content, count: strlen(UnsafeRawPointer(content).assumingMemoryBound(to: CChar.self)))
            }
            attribute = current.pointee.next
        }
        return nil
    }
}
