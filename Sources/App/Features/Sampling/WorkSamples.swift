import Domain
import Foundation
import Store
import WorkAPI

extension Principal {
    /// The highway authority whose samples the caller may see on a works record, if any.
    var sampleAuthority: String? { organisation.type == .highwayAuthority ? organisationReference : nil }
}

extension WorkView {
    /// D-SAMPLING: the works record lists its open samples (R-SAMP-08) to its highway
    /// authority's users only. Sampling is the authority's random check of the promoter's work,
    /// and a promoter told which works are sampled could make those ready first.
    static func showsSamples(_ view: WorkView, to caller: Principal) -> Bool {
        !view.samples.isEmpty && caller.organisationReference == view.work.highwayAuthoritySWACode
    }
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
    static func write(_ view: WorkView, to caller: Principal, into out: inout JSONBytes) {
        guard WorkView.showsSamples(view, to: caller) else { return }
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
