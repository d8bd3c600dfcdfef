import Foundation
import Testing
import LitKBModel
import LitKBParsers

/// Input that is not MEDLINE at all throws, naming the file, and never yields records.
struct MEDLINERejectionTests {
    private func expectRejected(_ text: String, file: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        do {
            let parsed = try MEDLINEParser.parse(text, file: file)
            Issue.record("parsed \(parsed.records.count) records and \(parsed.failures.count) failures from \(file)", sourceLocation: sourceLocation)
        } catch {
            #expect(error.location.file == file, sourceLocation: sourceLocation)
            #expect(error.message.hasPrefix("not MEDLINE"), sourceLocation: sourceLocation)
            #expect(error.description.hasPrefix(file + ": "), sourceLocation: sourceLocation)
        }
        #expect(!MEDLINEParser.looksLikeMEDLINE(Substring(text.prefix(4096))), sourceLocation: sourceLocation)
    }

    private func sharedCorpus(_ path: String) -> URL {
        TestPaths.sharedCorpus.appendingPathComponent(path)
    }

    @Test func pubmedXML() throws {
        expectRejected(try String(contentsOfFile: PubMedXMLFiles.fixture("fields.xml"), encoding: .utf8), file: "fields.xml")
    }

    @Test func eLinkXML() throws {
        let url = sharedCorpus("elink/elink1.xml")
        let text = (try? String(contentsOf: url, encoding: .utf8))
            ?? "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<eLinkResult>\n  <LinkSet>\n    <DbFrom>pubmed</DbFrom>\n  </LinkSet>\n</eLinkResult>\n"
        expectRejected(text, file: "elink1.xml")
    }

    @Test func jatsXML() throws {
        let url = sharedCorpus("pmc-jats/pone.0000217.nxml")
        let text = (try? String(contentsOf: url, encoding: .utf8))
            ?? "<!DOCTYPE article PUBLIC \"-//NLM//DTD JATS\" \"x.dtd\">\n<article><front></front></article>\n"
        expectRejected(text, file: "pone.0000217.nxml")
    }

    @Test(arguments: PageTextCorpus.fileNames)
    func pageText(_ name: String) throws {
        expectRejected(try PageTextCorpus.text(name), file: name)
    }

    @Test func emptyBlankBinaryAndProse() {
        expectRejected("", file: "empty.txt")
        expectRejected("\u{FEFF}\r\n\r\n   \n", file: "blank.txt")
        expectRejected("\u{0}\u{1}PMID- 1\u{0}\u{2}", file: "binary.bin")
        expectRejected("HIV - a review of reviews\nSome prose follows here.\n", file: "prose.txt")
        expectRejected("{\"PMID\": 123}\n", file: "data.json")
    }

    @Test func oneKnownTagLineAloneIsMEDLINEAfterAll() throws {
        #expect(MEDLINEParser.looksLikeMEDLINE("PMID- 123"))
        #expect(try MEDLINEParser.parse("PMID- 123", file: "one.nbib").records.map(\.record.ids.pmid) == [PMID(123)])
    }
}
