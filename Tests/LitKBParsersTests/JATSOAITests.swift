import Foundation
import LitKBModel
@testable import LitKBParsers
import Testing

/// PMC's OAI-PMH service wraps each JATS article in a `GetRecord` or `ListRecords` response.
@Suite struct JATSOAITests {
    static let response = """
        <?xml version="1.0" encoding="UTF-8"?>
        <OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">
        <responseDate>2025-01-01T00:00:00Z</responseDate>
        <request verb="ListRecords" metadataPrefix="pmc_fm">https://www.ncbi.nlm.nih.gov/pmc/oai/oai.cgi</request>
        <ListRecords>
        <record><header><identifier>oai:pubmedcentral.nih.gov:1790863</identifier></header><metadata>
        <article xmlns="https://jats.nlm.nih.gov/ns/archiving/1.3/" article-type="research-article"><front><article-meta>
        <article-id pub-id-type="pmid">17299597</article-id><article-id pub-id-type="pmc">1790863</article-id>
        <title-group><article-title>Quantifying Organismal Complexity using a Population Genetic Approach</article-title></title-group>
        </article-meta></front></article>
        </metadata></record>
        <record><header status="deleted"><identifier>oai:pubmedcentral.nih.gov:1000001</identifier></header></record>
        <record><header><identifier>oai:pubmedcentral.nih.gov:3166277</identifier></header><metadata>
        <article article-type="research-article"><front><article-meta>
        <article-id pub-id-type="pmid">21810267</article-id>
        <title-group><article-title>Factors influencing lysis time stochasticity in bacteriophage λ</article-title></title-group>
        </article-meta></front></article>
        </metadata></record>
        </ListRecords>
        </OAI-PMH>
        """

    @Test func everyArticleOfAnOAIResponseIsARecord() throws {
        #expect(FormatDetector.detect(Self.response) == .jats)
        let parsed = try JATSParser.parse(Data(Self.response.utf8), file: "oai.xml")
        #expect(parsed.failures.isEmpty)
        #expect(parsed.records.map(\.record.ids.pmid) == [PMID(17299597), PMID(21810267)])
        #expect(parsed.records[0].record.ids.pmcid == PMCID("PMC1790863"))
        #expect(parsed.records.map(\.location.record) == [1, 2])
    }

    @Test func anOAIErrorIsAFailureThatSaysSo() throws {
        let error = #"<?xml version="1.0"?><OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><error code="idDoesNotExist">No matching identifier</error></OAI-PMH>"#
        #expect(FormatDetector.detect(error) == .jats)
        let parsed = try JATSParser.parse(Data(error.utf8), file: "oai-error.xml")
        #expect(parsed.records.isEmpty)
        #expect(parsed.failures.map(\.description) == ["oai-error.xml: line 1: the OAI-PMH holds no article: idDoesNotExist No matching identifier"])
    }
}
