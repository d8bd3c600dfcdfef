import LitKBModel

/// `MeshHeadingList`, `ChemicalList` and `KeywordList` of a `MedlineCitation`.
extension RecordBuilder {
    mutating func readMesh(_ list: XMLNode) {
        for heading in list.elements where heading.name == .meshHeading {
            var mesh: MeshHeading?
            for child in heading.elements {
                switch child.name {
                case .descriptorName:
                    mesh = MeshHeading(descriptor: child.text, descriptorUI: child.attribute(.ui),
                                       major: child.attribute(.majorTopicYN, is: "Y"))
                case .qualifierName:
                    mesh?.qualifiers.append(MeshQualifier(name: child.text, ui: child.attribute(.ui),
                                                          major: child.attribute(.majorTopicYN, is: "Y")))
                default: break
                }
            }
            if let mesh { record.mesh.append(mesh) }
        }
    }

    /// `RegistryNumber` `0` is PubMed's "none".
    mutating func readChemicals(_ list: XMLNode) {
        for chemical in list.elements where chemical.name == .chemical {
            var name: String?
            var ui: String?
            var number: String?
            for child in chemical.elements {
                switch child.name {
                case .nameOfSubstance:
                    name = child.nonEmptyText
                    ui = child.attribute(.ui)
                case .registryNumber:
                    number = child.nonEmptyText.flatMap { $0 == "0" ? nil : $0 }
                default: break
                }
            }
            if let name { record.substances.append(Substance(name: name, registryNumber: number, ui: ui)) }
        }
    }

    /// Keywords keep their list's `Owner` (NOTNLM: the author's, NLM, KIE, ...); their language
    /// is left unknown, since PubMed does not say.
    mutating func readKeywords(_ list: XMLNode) {
        let owner = list.attribute(.owner)
        for keyword in list.elements where keyword.name == .keyword {
            guard let term = keyword.nonEmptyText else { continue }
            record.keywords.append(Keyword(term: term, owner: owner, major: keyword.attribute(.majorTopicYN, is: "Y")))
        }
    }
}
