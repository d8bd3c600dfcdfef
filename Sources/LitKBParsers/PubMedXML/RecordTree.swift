/// One parsed record held in three flat buffers (nodes, attributes, text bytes) that are reused
/// from record to record, instead of libxml2's tree of separately allocated nodes: building
/// and freeing that tree was a fifth of the parse thread (malloc, free, xmlFreeDoc) on
/// reference-heavy files. `XMLRecordParser` fills it from libxml2's SAX2 events.
///
/// Text is kept as libxml2 delivers it: entity and character references resolved, adjacent
/// runs (split by a reference or CDATA) joined into one text node, whitespace untouched.
struct RecordTree {
    struct Node {
        /// An `XMLName` ordinal, `RecordTree.unknownName` for other elements, `RecordTree.textName` for text.
        var name: UInt8
        var firstChild: Int32 = -1
        var lastChild: Int32 = -1
        var nextSibling: Int32 = -1
        /// Text: offset and length in `bytes`. Element: first attribute and attribute count.
        var start: Int32
        var count: Int32
    }

    struct Attribute {
        var name: UInt8
        var start: Int32
        var count: Int32
    }

    static let unknownName: UInt8 = 0xFF
    static let textName: UInt8 = 0xFE

    private(set) var nodes: UnsafeMutablePointer<Node>
    private(set) var nodeCount = 0
    private var nodeCapacity: Int
    private(set) var attributes: UnsafeMutablePointer<Attribute>
    private var attributeCount = 0
    private var attributeCapacity: Int
    private(set) var bytes: UnsafeMutablePointer<UInt8>
    private var byteCount = 0
    private var byteCapacity: Int
    /// The elements open at this point of the parse, innermost last.
    private var open: UnsafeMutablePointer<Int32>
    private var depth = 0
    private var openCapacity: Int

    init() {
        nodeCapacity = 1024
        nodes = .allocate(capacity: nodeCapacity)
        attributeCapacity = 256
        attributes = .allocate(capacity: attributeCapacity)
        byteCapacity = 64 << 10
        bytes = .allocate(capacity: byteCapacity)
        openCapacity = 64
        open = .allocate(capacity: openCapacity)
    }

    func deallocate() {
        nodes.deallocate()
        attributes.deallocate()
        bytes.deallocate()
        open.deallocate()
    }

    /// Empties the tree for the next record, keeping its buffers (unless one record made them
    /// unusually large: a hostile record must not pin its memory for the rest of the file).
    mutating func reset() {
        nodeCount = 0
        attributeCount = 0
        byteCount = 0
        depth = 0
        if byteCapacity > 16 << 20 {
            bytes.deallocate()
            byteCapacity = 64 << 10
            bytes = .allocate(capacity: byteCapacity)
        }
        if nodeCapacity > 1 << 20 {
            nodes.deallocate()
            nodeCapacity = 1024
            nodes = .allocate(capacity: nodeCapacity)
        }
        if attributeCapacity > 1 << 20 {
            attributes.deallocate()
            attributeCapacity = 256
            attributes = .allocate(capacity: attributeCapacity)
        }
    }

    /// The record's element, when the parse produced one.
    var hasRoot: Bool { nodeCount > 0 }

    // MARK: - Building

    /// Opens an element as the last child of the innermost open one (or as the root).
    mutating func openElement(_ name: UInt8) {
        let index = appendNode(Node(name: name, start: Int32(truncatingIfNeeded: attributeCount), count: 0))
        RecordTree.reserve(depth + 1, in: &open, holding: depth, capacity: &openCapacity)
        open[depth] = index
        depth += 1
    }

    /// Adds an attribute to the element just opened; `&#38;` in `value` is an `&` (libxml2's
    /// SAX2 interface hands `&amp;` in attribute values over in that escaped form).
    mutating func addAttribute(_ name: UInt8, value: UnsafeBufferPointer<UInt8>) {
        guard depth > 0 else { return }
        let start = byteCount
        if value.contains(UInt8(ascii: "&")) {
            var index = 0
            while index < value.count {
                if value[index] == UInt8(ascii: "&"), index + 4 < value.count, value[index + 1] == UInt8(ascii: "#"),
                   value[index + 2] == UInt8(ascii: "3"), value[index + 3] == UInt8(ascii: "8"), value[index + 4] == UInt8(ascii: ";") {
                    appendBytes(UnsafeBufferPointer(start: value.baseAddress! + index, count: 1))
                    index += 5
                } else {
                    appendBytes(UnsafeBufferPointer(start: value.baseAddress! + index, count: 1))
                    index += 1
                }
            }
        } else {
            appendBytes(value)
        }
        RecordTree.reserve(attributeCount + 1, in: &attributes, holding: attributeCount, capacity: &attributeCapacity)
        attributes[attributeCount] = Attribute(name: name, start: Int32(truncatingIfNeeded: start),
                                               count: Int32(truncatingIfNeeded: byteCount - start))
        attributeCount += 1
        nodes[Int(open[depth - 1])].count += 1
    }

    mutating func closeElement() {
        if depth > 0 { depth -= 1 }
    }

    /// Text inside the innermost open element, joined to the text just before it when nothing
    /// came between.
    mutating func appendText(_ text: UnsafeBufferPointer<UInt8>) {
        guard depth > 0, !text.isEmpty else { return }
        let parent = Int(open[depth - 1])
        let last = nodes[parent].lastChild
        if last >= 0, nodes[Int(last)].name == RecordTree.textName,
           Int(nodes[Int(last)].start + nodes[Int(last)].count) == byteCount {
            appendBytes(text)
            nodes[Int(last)].count += Int32(truncatingIfNeeded: text.count)
            return
        }
        let start = byteCount
        appendBytes(text)
        _ = appendNode(Node(name: RecordTree.textName, start: Int32(truncatingIfNeeded: start),
                            count: Int32(truncatingIfNeeded: text.count)))
    }

    private mutating func appendNode(_ node: Node) -> Int32 {
        RecordTree.reserve(nodeCount + 1, in: &nodes, holding: nodeCount, capacity: &nodeCapacity)
        let index = Int32(truncatingIfNeeded: nodeCount)
        nodes[nodeCount] = node
        nodeCount += 1
        if depth > 0 {
            let parent = Int(open[depth - 1])
            let last = nodes[parent].lastChild
            if last >= 0 { nodes[Int(last)].nextSibling = index } else { nodes[parent].firstChild = index }
            nodes[parent].lastChild = index
        }
        return index
    }

    private mutating func appendBytes(_ text: UnsafeBufferPointer<UInt8>) {
        RecordTree.reserve(byteCount + text.count, in: &bytes, holding: byteCount, capacity: &byteCapacity)
        if let base = text.baseAddress { (bytes + byteCount).update(from: base, count: text.count) }
        byteCount += text.count
    }

    /// Makes room for `needed` elements, doubling the buffer and moving its first `count`.
    @inline(__always)
    private static func reserve<Element>(_ needed: Int, in buffer: inout UnsafeMutablePointer<Element>, holding count: Int,
                                         capacity: inout Int) {
        guard needed > capacity else { return }
        while needed > capacity { capacity *= 2 }
        let grown = UnsafeMutablePointer<Element>.allocate(capacity: capacity)
        grown.moveInitialize(from: buffer, count: count)
        buffer.deallocate()
        buffer = grown
    }
}

/// A view of one node of a parsed record: its kind, name, attributes, children and text.
/// Valid only inside the body given to `XMLRecordParser.parse`.
struct XMLNode {
    fileprivate let tree: UnsafePointer<RecordTree>
    fileprivate let index: Int32

    init(tree: UnsafePointer<RecordTree>, index: Int32) {
        self.tree = tree
        self.index = index
    }

    private var node: RecordTree.Node { tree.pointee.nodes[Int(index)] }

    var isElement: Bool { node.name != RecordTree.textName }
    var isText: Bool { node.name == RecordTree.textName }

    /// The element's name when litkb knows it.
    var name: XMLName? {
        let code = node.name
        return code < RecordTree.textName ? XMLName.withOrdinal(code) : nil
    }

    var firstChild: XMLNode? { sibling(node.firstChild) }
    var nextSibling: XMLNode? { sibling(node.nextSibling) }

    @inline(__always)
    private func sibling(_ index: Int32) -> XMLNode? {
        index >= 0 ? XMLNode(tree: tree, index: index) : nil
    }

    /// The child elements, in order.
    var elements: Elements { Elements(tree: tree, cursor: node.firstChild) }

    struct Elements: Sequence, IteratorProtocol {
        fileprivate let tree: UnsafePointer<RecordTree>
        fileprivate var cursor: Int32

        mutating func next() -> XMLNode? {
            while cursor >= 0 {
                let current = cursor
                let node = tree.pointee.nodes[Int(current)]
                cursor = node.nextSibling
                if node.name != RecordTree.textName { return XMLNode(tree: tree, index: current) }
            }
            return nil
        }
    }

    /// The first child element called `name`.
    func child(_ name: XMLName) -> XMLNode? {
        let code = name.ordinal
        var cursor = node.firstChild
        while cursor >= 0 {
            let child = tree.pointee.nodes[Int(cursor)]
            if child.name == code { return XMLNode(tree: tree, index: cursor) }
            cursor = child.nextSibling
        }
        return nil
    }

    /// A text node's bytes (UTF-8), valid while the tree lives; empty for other nodes.
    var textBytes: UnsafeBufferPointer<UInt8> {
        let node = self.node
        guard node.name == RecordTree.textName else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: tree.pointee.bytes + Int(node.start), count: Int(node.count))
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
        let node = self.node
        guard node.name != RecordTree.textName else { return nil }
        let code = name.ordinal
        for offset in Int(node.start)..<Int(node.start + node.count) {
            let attribute = tree.pointee.attributes[offset]
            if attribute.name == code {
                return UnsafeBufferPointer(start: tree.pointee.bytes + Int(attribute.start), count: Int(attribute.count))
            }
        }
        return nil
    }
}

extension XMLName {
    /// The case's position in `allCases`: a payload-free enum of fewer than 254 cases is stored
    /// as that one-byte ordinal (checked once, in `NameTable.init`), so this costs nothing.
    @inline(__always)
    var ordinal: UInt8 { unsafeBitCast(self, to: UInt8.self) }

    @inline(__always)
    static func withOrdinal(_ ordinal: UInt8) -> XMLName { unsafeBitCast(ordinal, to: XMLName.self) }
}
