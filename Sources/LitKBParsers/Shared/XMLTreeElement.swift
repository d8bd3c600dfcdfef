extension XMLTree {
    struct Attribute: Sendable, Hashable {
        /// As written, prefix included: `xml:lang`, `xlink:href`, `pub-id-type`.
        var name: String
        var value: String
    }

    enum Child: Sendable {
        case element(Element)
        case text(String)
    }

    /// One element: its local name (`math` for `<mml:math>`), attributes, children in order.
    final class Element: Sendable {
        let name: String
        let attributes: [Attribute]
        let children: [Child]
        /// The line the element starts on (1-based).
        let line: Int

        init(name: String, attributes: [Attribute], children: [Child], line: Int) {
            self.name = name
            self.attributes = attributes
            self.children = children
            self.line = line
        }

        /// The child elements, in order.
        var elements: [Element] {
            children.compactMap { if case .element(let element) = $0 { element } else { nil } }
        }

        /// The first child element called `name`.
        func child(_ name: String) -> Element? {
            for case .element(let element) in children where element.name == name { return element }
            return nil
        }

        /// Every child element called `name`.
        func children(_ name: String) -> [Element] {
            elements.filter { $0.name == name }
        }

        /// Every element called `name` below this one, in document order, not looking inside
        /// elements named in `stoppingAt` (a JATS `sub-article` inside its article).
        func descendants(_ name: String, stoppingAt: Set<String> = []) -> [Element] {
            var found: [Element] = []
            collect(name, stoppingAt: stoppingAt, into: &found)
            return found
        }

        private func collect(_ name: String, stoppingAt: Set<String>, into found: inout [Element]) {
            for element in elements {
                if element.name == name { found.append(element) }
                if !stoppingAt.contains(element.name) { element.collect(name, stoppingAt: stoppingAt, into: &found) }
            }
        }

        /// The value of attribute `name` (`xml:lang`, `xlink:href`, `pub-id-type`), or nil.
        func attribute(_ name: String) -> String? {
            attributes.first { $0.name == name }?.value
        }

        /// The value of attribute `name` with whitespace trimmed, nil when empty.
        func nonEmptyAttribute(_ name: String) -> String? {
            guard let value = attribute(name)?.whitespaceTrimmed, !value.isEmpty else { return nil }
            return String(value)
        }

        /// True when the element has text of its own between its children (JATS
        /// `mixed-citation` with its punctuation), not only child elements and layout whitespace.
        var hasOwnText: Bool {
            children.contains { if case .text(let text) = $0 { !text.allSatisfy(FlatText.isSpace) } else { false } }
        }

        /// The text with inline markup flattened; see `FlatText`.
        var text: String {
            var output = FlatText()
            output.append(self)
            return output.string
        }

        /// The text, nil when empty.
        var nonEmptyText: String? {
            let value = text
            return value.isEmpty ? nil : value
        }

        /// The text without the child elements named in `skipped` (an `aff`'s `label`).
        func text(skipping skipped: Set<String>) -> String {
            var output = FlatText(skipped: skipped)
            output.append(self)
            return output.string
        }
    }
}
