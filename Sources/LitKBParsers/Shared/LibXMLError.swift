internal import CLibXML2
// No Foundation here: with libxml2's headers in the same file, the two clash (see XMLReader.swift).

/// One problem libxml2 reported, in the words litkb reports it: without libxml2's trailing
/// newline, and an undeclared entity said to be never expanded (litkb reads no DTD).
struct LibXMLError {
    var line: Int
    var message: String
    /// libxml2's level: an undeclared entity is fatal to libxml2, which still reads on.
    var fatal: Bool
    var undeclaredEntity: Bool
    /// The line an element opened on, which a tag mismatch names in its message.
    var openedLine: Int?

    init(_ error: xmlError) {
        let code = UInt32(bitPattern: error.code)
        undeclaredEntity = code == XML_ERR_UNDECLARED_ENTITY.rawValue || code == XML_WAR_UNDECLARED_ENTITY.rawValue
        fatal = error.level == XML_ERR_FATAL
        line = Int(error.line)
        var message = error.message.map { String(cString: $0) } ?? "XML error \(error.code)"
        while message.last == "\n" || message.last == " " { message.removeLast() }
        if undeclaredEntity, let name = error.str1.map({ String(cString: $0) }) {
            message = LibXMLError.unexpandedEntity(name)
        }
        self.message = message
        let opened = code == XML_ERR_TAG_NAME_MISMATCH.rawValue || code == XML_ERR_TAG_NOT_FINISHED.rawValue
        openedLine = opened ? Int(error.int1) : nil
    }

    static func unexpandedEntity(_ name: String) -> String {
        "entity &\(name); is not expanded: litkb reads no DTD and expands no entities"
    }
}
