internal import CLibXML2
// No Foundation here: with libxml2's ICU-using headers in the same file, the two clash.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// The one file that touches libxml2. Everything else in PubMedXML sees bytes, Swift strings and
// the `RecordTree` the SAX callbacks below fill, through its `XMLNode` view, which lives only
// while `XMLRecordParser.parse` runs its body.

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
        expectedSize = XMLFileInput.inflatedSize(absolute, fileSize: Int(status.st_size))
    }

    /// Bytes handed out so far, after inflating.
    private(set) var bytesRead = 0
    /// How many bytes the file will give: its size, or for gzip the size its trailer states
    /// (modulo 4 GiB, so nil when that cannot be right); nil when unknown.
    let expectedSize: Int?

    /// The share of the input read so far, for a progress line; nil when its size is unknown.
    var fractionRead: Double? {
        guard let expectedSize, expectedSize > 0 else { return nil }
        return min(Double(bytesRead) / Double(expectedSize), 1)
    }

    private static func inflatedSize(_ path: String, fileSize: Int) -> Int? {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var magic: (UInt8, UInt8) = (0, 0)
        guard pread(descriptor, &magic, 2, 0) == 2 else { return fileSize }
        guard magic == (0x1F, 0x8B) else { return fileSize }
        var trailer: UInt32 = 0
        guard fileSize >= 18, pread(descriptor, &trailer, 4, off_t(fileSize - 4)) == 4 else { return nil }
        let stated = Int(UInt32(littleEndian: trailer))
        return stated >= fileSize ? stated : nil
    }

    /// Reads up to `count` bytes into `destination`: the number read, 0 at the end, -1 when the
    /// data cannot be read (a truncated or corrupt gzip stream).
    ///
    /// libxml2's gzip reader drops what it inflated in the read that meets a truncated stream, so
    /// callers read in modest blocks: at most one block before the break is lost.
    func read(into destination: UnsafeMutableRawPointer, count: Int) -> Int {
        let read = Int(litkb_read_input_quietly(buffer, destination.assumingMemoryBound(to: CChar.self), Int32(clamping: count)))
        if read > 0 { bytesRead += read }
        return read
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

/// Parses one record's bytes into a `RecordTree` with a reused libxml2 context, never loading a
/// DTD, never expanding an entity, never touching the network.
///
/// libxml2 still checks every byte (well-formedness, UTF-8, references); only the tree is
/// litkb's own: its SAX2 callbacks fill the reused flat buffers of `RecordTree` where libxml2's
/// default callbacks would allocate a node, a name and a text for each of about 300 elements a
/// record, then free them all.
final class XMLRecordParser {
    /// What the SAX callbacks reach through the context's `_private` pointer: plain memory, so
    /// the callbacks (hundreds a record) pay no reference counting or exclusivity checks.
    fileprivate struct State {
        var tree = RecordTree()
        var names: NameTable
        var problems: [XMLProblem] = []
    }

    private var context: xmlParserCtxtPtr
    private let state: UnsafeMutablePointer<State>
    /// The declared encoding of the file when it is not UTF-8 (`ISO-8859-1`), handed to libxml2.
    private let encoding: String?

    // NONET: no network; RECOVER: a broken record still yields a partial tree, so its failure
    // can name its PMID (the record is still reported as failed: `wellFormed` decides); NOCDATA:
    // CDATA arrives as text. Never NOENT, DTDLOAD, DTDATTR, DTDVALID, XINCLUDE or HUGE.
    private static let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_RECOVER.rawValue | XML_PARSE_NOCDATA.rawValue)

    /// A fresh dictionary once this many names are interned: a hostile file inventing names
    /// cannot grow it without bound.
    private static let dictionaryLimit: Int32 = 200_000

    init?(encoding: String?) {
        xmlInitParser()
        guard let context = XMLRecordParser.makeContext() else { return nil }
        self.context = context
        state = .allocate(capacity: 1)
        state.initialize(to: State(names: NameTable(dictionary: context.pointee.dict)))
        self.encoding = encoding
    }

    /// True when libxml2 knows how to decode `encoding`.
    static func supportsEncoding(_ encoding: String) -> Bool {
        guard let handler = xmlFindCharEncodingHandler(encoding) else { return false }
        xmlCharEncCloseFunc(handler)
        return true
    }

    private static func makeContext() -> xmlParserCtxtPtr? {
        guard let context = xmlNewParserCtxt(), let sax = context.pointee.sax else { return nil }
        // Only the callbacks litkb needs: no document, no comments or processing instructions,
        // no entity declarations or lookups (the five predefined entities and character
        // references are resolved by the parser itself, anything else is an undeclared entity).
        var handler = xmlSAXHandler()
        handler.initialized = XML_SAX2_MAGIC
        handler.startElementNs = { context, localName, _, _, _, _, attributeCount, _, attributes in
            guard let state = State.of(context) else { return }
            state.pointee.tree.openElement(state.pointee.names.ordinal(of: localName))
            guard attributeCount > 0, let attributes else { return }
            // Five pointers an attribute: local name, prefix, URI, value, end of value.
            for index in 0..<Int(attributeCount) {
                let base = attributes + index * 5
                guard let value = base[3], let end = base[4] else { continue }
                state.pointee.tree.addAttribute(state.pointee.names.ordinal(of: base[0]),
                                                value: UnsafeBufferPointer(start: value, count: end - value))
            }
        }
        handler.endElementNs = { context, _, _, _ in
            State.of(context)?.pointee.tree.closeElement()
        }
        handler.characters = { context, text, count in
            guard let text, count > 0 else { return }
            State.of(context)?.pointee.tree.appendText(UnsafeBufferPointer(start: text, count: Int(count)))
        }
        handler.ignorableWhitespace = handler.characters
        // A structured handler on the context: errors reach `problems` instead of stderr.
        handler.serror = { _, error in
            guard let error, let state = State.of(error.pointee.ctxt) else { return }
            state.pointee.collect(error.pointee)
        }
        sax.pointee = handler
        return context
    }

    /// Parses `bytes` and hands the root element (nil when there is none), whether the record is
    /// well-formed, and libxml2's problems to `body`. The tree lives until `body` returns.
    func parse<Result>(_ bytes: UnsafeRawBufferPointer,
                       _ body: (_ root: XMLNode?, _ wellFormed: Bool, _ problems: [XMLProblem]) -> Result) -> Result {
        state.pointee.problems.removeAll(keepingCapacity: true)
        state.pointee.tree.reset()
        if xmlDictSize(context.pointee.dict) > XMLRecordParser.dictionaryLimit, let fresh = XMLRecordParser.makeContext() {
            xmlFreeParserCtxt(context)
            state.pointee.names.deallocate()
            context = fresh
            state.pointee.names = NameTable(dictionary: fresh.pointee.dict)
        }
        context.pointee._private = UnsafeMutableRawPointer(state)
        defer { context.pointee._private = nil }
        let base = bytes.baseAddress?.assumingMemoryBound(to: CChar.self)
        // No document comes back: the SAX handler builds none.
        _ = xmlCtxtReadMemory(context, base, Int32(clamping: bytes.count), nil, encoding, XMLRecordParser.options)
        let wellFormed = context.pointee.wellFormed != 0
        let root = state.pointee.tree.hasRoot ? XMLNode(tree: UnsafePointer(state).pointer(to: \.tree)!, index: 0) : nil
        return body(root, wellFormed, state.pointee.problems)
    }

    deinit {
        xmlFreeParserCtxt(context)
        state.pointee.names.deallocate()
        state.pointee.tree.deallocate()
        state.deinitialize(count: 1)
        state.deallocate()
    }
}

extension XMLRecordParser.State {
    /// The state behind a SAX callback's context (the parser context itself).
    @inline(__always)
    static func of(_ context: UnsafeMutableRawPointer?) -> UnsafeMutablePointer<XMLRecordParser.State>? {
        context?.assumingMemoryBound(to: xmlParserCtxt.self).pointee._private?.assumingMemoryBound(to: XMLRecordParser.State.self)
    }

    mutating func collect(_ error: xmlError) {
        guard problems.count < 20 else { return }
        // A tag mismatch's opened line is relative to the record: the caller, which knows where
        // the record starts, makes it absolute.
        let reported = LibXMLError(error)
        problems.append(XMLProblem(line: reported.line, message: reported.message, fatal: reported.fatal,
                                   openedLine: reported.openedLine))
    }
}

/// Maps the interned name pointers of libxml2's dictionary to `XMLName` ordinals: open
/// addressing on the pointer's bits, a handful of instructions per element.
struct NameTable {
    private struct Slot {
        var key: UnsafeRawPointer?
        var ordinal: UInt8
    }

    private let slots: UnsafeMutablePointer<Slot>
    private static let capacity = 512

    init(dictionary: xmlDictPtr?) {
        slots = .allocate(capacity: NameTable.capacity)
        slots.initialize(repeating: Slot(key: nil, ordinal: RecordTree.unknownName), count: NameTable.capacity)
        precondition(XMLName.allCases.count < Int(RecordTree.textName), "XMLName ordinals must stay below the tree's markers")
        for (index, name) in XMLName.allCases.enumerated() {
            precondition(Int(name.ordinal) == index, "XMLName cases must keep declaration order")
            guard let key = xmlDictLookup(dictionary, name.rawValue, -1).map({ UnsafeRawPointer($0) }) else { continue }
            var slot = NameTable.hash(key)
            while slots[slot].key != nil { slot = (slot + 1) & (NameTable.capacity - 1) }
            slots[slot] = Slot(key: key, ordinal: name.ordinal)
        }
    }

    func deallocate() {
        slots.deallocate()
    }

    private static func hash(_ key: UnsafeRawPointer) -> Int {
        Int(truncatingIfNeeded: (UInt(bitPattern: key) >> 3) &* 0x9E37_79B9_7F4A_7C15 >> 55) & (capacity - 1)
    }

    /// The ordinal of the `XMLName` whose interned pointer is `key`; `RecordTree.unknownName`
    /// for any other name.
    @inline(__always)
    func ordinal(of key: UnsafePointer<xmlChar>?) -> UInt8 {
        guard let key else { return RecordTree.unknownName }
        let raw = UnsafeRawPointer(key)
        var slot = NameTable.hash(raw)
        while let candidate = slots[slot].key {
            if candidate == raw { return slots[slot].ordinal }
            slot = (slot + 1) & (NameTable.capacity - 1)
        }
        return RecordTree.unknownName
    }
}
