import Domain
import Foundation
import Store
import WorkAPI

extension Principal {
    /// D-SAMPLING: the highway authority whose open samples (R-SAMP-08) the caller sees on a
    /// works record, if any; the read asks for that authority's samples alone, so no one else's
    /// are read. Sampling is the authority's random check of the promoter's work, and a promoter
    /// told which works are sampled could make those ready first.
    var sampleAuthority: String? { organisation.type == .highwayAuthority ? organisationReference : nil }
}

extension Components.Schemas.PbiSampleInspectionSummaryResponse {
    /// An open sample as the works record lists it.
    init(_ s: SampleInspectionRow) throws {
        self.init(
            pbiSampleInspectionReferenceNumber: s.reference, inspectionCategory: try Wire.map(s.category),
            inspectionCategoryString: s.category.rawValue, sampleExpiryDate: s.expiryDate)
    }
}

/// The same written straight to JSON (D-DIRECT), as `WorkJSON` writes the works record.
enum WorkSamplesJSON {
    static func write(_ view: WorkView, into out: inout JSONBytes) {
        guard !view.samples.isEmpty else { return }
        out.key("pbi_sample_inspections")
        out.openArray()
        for s in view.samples {
            out.element()
            out.openObject()
            out.member("pbi_sample_inspection_reference_number", s.reference)
            out.member("inspection_category", s.category.rawValue)
            out.member("inspection_category_string", s.category.rawValue)
            out.member("sample_expiry_date", instant: s.expiryDate)
            out.closeObject()
        }
        out.closeArray()
    }
}
