internal import CLibXML2
// No Foundation here: with libxml2's headers in the same file, the two clash (see XMLReader.swift).

/// A whole small XML document (an eLink result, a PMC JATS article) parsed by libxml2 and copied
/// into plain Swift values, so readers walk it without pointers or lifetimes. Files of these
/// formats are a few hundred KB at most; PubMed XML, where the copy would cost, has its own
/// streaming reader.
///
/// Parsing never loads a DTD, never expands an entity and never touches the network: NONET and
/// RECOVER only, never NOENT, DTDLOAD, DTDATTR, DTDVALID, XINCLUDE or HUGE. JATS files name
/// NLM's DTDs in their DOCTYPE; nothing is fetched, and an entity the DTD would have defined
/// (`&nbsp;`) is dropped and reported.
struct XMLTree: Sendable {
    /// The document element; nil when the bytes held none (not XML at all).
    let root: Element?
    /// False when libxml2 met a fatal error other than an undeclared entity: the tree is then
    /// only what RECOVER salvaged.
    let wellFormed: Bool
    /// What libxml2 reported, in order (at most `problemLimit`).
    let problems: [Problem]

    struct Problem: Sendable, Hashable {
        var line: Int
        var message: String
        var fatal: Bool
    }

    static let problemLimit = 20

    /// Parses a document held in memory.
    static func parse(_ bytes: UnsafeRawBufferPointer) -> XMLTree {
        guard bytes.count > 0, bytes.count < Int(Int32.max), let base = bytes.baseAddress else {
            return XMLTree(root: nil, wellFormed: false, problems: [])
        }
        xmlInitParser()
        guard let context = xmlNewParserCtxt() else {
            return XMLTree(root: nil, wellFormed: false, problems: [Problem(line: 0, message: "libxml2 could not start", fatal: true)])
        }
        defer { xmlFreeParserCtxt(context) }
        let collector = ProblemCollector()
        context.pointee._private = Unmanaged.passUnretained(collector).toOpaque()
        // A structured handler on the context: errors reach the collector, never stderr.
        context.pointee.sax.pointee.serror = { _, error in
            guard let error, let owner = error.pointee.ctxt?.assumingMemoryBound(to: xmlParserCtxt.self).pointee._private
            else { return }
            Unmanaged<ProblemCollector>.fromOpaque(owner).takeUnretainedValue().collect(error.pointee)
        }
        let document = withExtendedLifetime(collector) {
            xmlCtxtReadMemory(context, base.assumingMemoryBound(to: CChar.self), Int32(bytes.count), nil, nil, XMLTree.options)
        }
        context.pointee._private = nil
        defer { if let document { xmlFreeDoc(document) } }
        var root: Element?
        if let document, let rawRoot = xmlDocGetRootElement(document) {
            var copier = TreeCopier()
            root = copier.element(rawRoot)
            for name in copier.unexpandedEntities {
                let message = LibXMLError.unexpandedEntity(name)
                // libxml2 reports an undeclared entity itself; say it once.
                if !collector.problems.contains(where: { $0.message == message }) {
                    collector.add(Problem(line: 0, message: message, fatal: false))
                }
            }
        }
        // libxml2 keeps going after an undeclared entity (it drops it): such a file is still read.
        let wellFormed = document != nil && (context.pointee.wellFormed != 0 || !collector.sawOtherFatal)
        return XMLTree(root: root, wellFormed: wellFormed, problems: collector.problems)
    }

    private static let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_RECOVER.rawValue | XML_PARSE_NOCDATA.rawValue)

    /// The first fatal problem's text, for a failure message.
    var firstFatalProblem: Problem? { problems.first { $0.fatal } }
}

/// Collects libxml2's messages during one parse.
private final class ProblemCollector {
    var problems: [XMLTree.Problem] = []
    /// A fatal error that is not an undeclared entity: the document is really broken.
    var sawOtherFatal = false

    func collect(_ error: xmlError) {
        let reported = LibXMLError(error)
        if reported.fatal, !reported.undeclaredEntity { sawOtherFatal = true }
        add(XMLTree.Problem(line: reported.line, message: reported.message, fatal: reported.fatal && !reported.undeclaredEntity))
    }

    func add(_ problem: XMLTree.Problem) {
        guard problems.count < XMLTree.problemLimit else { return }
        problems.append(problem)
    }
}

/// Copies libxml2's nodes into `XMLTree.Element`s: elements, text and CDATA; comments and
/// processing instructions are left out, entity references are not followed.
private struct TreeCopier {
    var unexpandedEntities: [String] = []

    mutating func element(_ node: xmlNodePtr) -> XMLTree.Element {
        var attributes: [XMLTree.Attribute] = []
        var property = node.pointee.properties
        while let current = property {
            let name = XMLTree.qualifiedName(current.pointee.name, current.pointee.ns)
            var value = ""
            var text = current.pointee.children
            while let part = text {
                if let content = part.pointee.content { value += String(cString: content) }
                text = part.pointee.next
            }
            attributes.append(XMLTree.Attribute(name: name, value: value))
            property = current.pointee.next
        }
        var children: [XMLTree.Child] = []
        var child = node.pointee.children
        while let current = child {
            switch current.pointee.type {
            case XML_ELEMENT_NODE:
                children.append(.element(element(current)))
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content { children.append(.text(String(cString: content))) }
            case XML_ENTITY_REF_NODE:
                // An entity the internal subset declares: never expanded (no billion laughs, no
                // external file), reported instead.
                let name = current.pointee.name.map { String(cString: $0) } ?? "?"
                if unexpandedEntities.count < XMLTree.problemLimit, !unexpandedEntities.contains(name) { unexpandedEntities.append(name) }
            default:
                break
            }
            child = current.pointee.next
        }
        let name = node.pointee.name.map { String(cString: $0) } ?? ""
        return XMLTree.Element(name: name, attributes: attributes, children: children, line: Int(xmlGetLineNo(node)))
    }
}

extension XMLTree {
    /// `xml:lang`, `xlink:href`, or a bare name: the prefix a namespaced attribute was written with.
    fileprivate static func qualifiedName(_ name: UnsafePointer<xmlChar>?, _ namespace: xmlNsPtr?) -> String {
        let local = name.map { String(cString: $0) } ?? ""
        guard let prefix = namespace?.pointee.prefix else { return local }
        return String(cString: prefix) + ":" + local
    }
}
