import Foundation

/// R-FPN-05: the statuses of a fixed penalty notice.
public enum FPNStatus: String, Sendable, Hashable, CaseIterable {
    case issued
    case accepted
    case paid
    case paidDiscounted = "paid_discounted"
    case disputed
    case withdrawn

    /// R-FPN-05: paid, paid_discounted and withdrawn end the notice.
    public var isTerminal: Bool { self == .paid || self == .paidDiscounted || self == .withdrawn }
}

/// R-FPN-03: the offences an FPN may be issued for.
public enum OffenceCode: String, Sendable, Hashable, CaseIterable {
    case offenceCode05 = "offence_code_05"
    case offenceCode06 = "offence_code_06"
    case offenceCode08 = "offence_code_08"
    case offenceCode09 = "offence_code_09"
}

/// R-FPN-04: how the penalty may be paid.
public enum PaymentMethod: String, Sendable, Hashable, CaseIterable {
    case bankTransfer = "bank_transfer"
    case cardPayment = "card_payment"
    case cash
    case cheque
}

/// Which side of the works changes an FPN's status (R-FPN-02, R-FPN-05).
public enum FPNSide: Sendable, Hashable {
    case highwayAuthority
    case promoter
}

/// An FPN as its issuing officer sends it (R-FPN-04).
public struct FPNDraft: Sendable, Hashable {
    public var offenceCode: OffenceCode
    public var offenceDate: Date
    public var offenceDetails: String
    public var authorisedOfficer: String
    public var officerContactDetails: String
    public var officerAddress: String
    public var representationsContact: String
    public var representationsContactAddress: String
    public var paymentMethods: [PaymentMethod]
    public var evidence: Bool
    public var fileIDs: [Double]
    public var permitReferenceNumber: String?

    public init(
        offenceCode: OffenceCode, offenceDate: Date, offenceDetails: String, authorisedOfficer: String,
        officerContactDetails: String, officerAddress: String, representationsContact: String,
        representationsContactAddress: String, paymentMethods: [PaymentMethod], evidence: Bool, fileIDs: [Double],
        permitReferenceNumber: String?
    ) {
        self.offenceCode = offenceCode
        self.offenceDate = offenceDate
        self.offenceDetails = offenceDetails
        self.authorisedOfficer = authorisedOfficer
        self.officerContactDetails = officerContactDetails
        self.officerAddress = officerAddress
        self.representationsContact = representationsContact
        self.representationsContactAddress = representationsContactAddress
        self.paymentMethods = paymentMethods
        self.evidence = evidence
        self.fileIDs = fileIDs
        self.permitReferenceNumber = permitReferenceNumber
    }
}

/// Why an FPN cannot be issued or changed: a field and the rule (a 400), or a state rule with no
/// field (a 412).
public struct FPNError: Error, Sendable, Hashable {
    public var field: String?
    public var message: String

    public init(field: String?, _ message: String) {
        self.field = field
        self.message = message
    }
}

/// The rules of fixed penalty notices (R-FPN-01 … R-FPN-08, D-FPNS).
public enum FPNRules {
    /// R-VAL-07: the texts' limits (the contract checks them too).
    public static let shortText = 100
    public static let longText = 500

    /// R-FPN-01: `{WRN}-FPN-{NN}`, from 01, at least two digits, per works record.
    public static func reference(work: String, sequence: Int) -> String {
        "\(work)-FPN-\(sequence < 10 ? "0" : "")\(sequence)"
    }

    /// R-FPN-04, R-VAL-07, R-VAL-10: every problem of a draft at once. The offence date is in
    /// the past; the texts say something within their limits; at least one payment method, none
    /// twice; with `fpn_evidence` 1–50 distinct file ids, without it none.
    public static func creationProblems(_ draft: FPNDraft, now: Date) -> [FPNError] {
        var problems: [FPNError] = []
        if draft.offenceDate >= now {
            problems.append(FPNError(field: "offence_date", "R-FPN-04: must be in the past"))
        }
        let texts: [(String, String, Int)] = [
            ("offence_details", draft.offenceDetails, longText),
            ("authorised_officer", draft.authorisedOfficer, shortText),
            ("officer_contact_details", draft.officerContactDetails, shortText),
            ("officer_address", draft.officerAddress, longText),
            ("representations_contact", draft.representationsContact, shortText),
            ("representations_contact_address", draft.representationsContactAddress, longText),
        ]
        for (field, text, limit) in texts {
            if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                problems.append(FPNError(field: field, "R-FPN-04: is required"))
            } else if text.count > limit {
                problems.append(FPNError(field: field, "R-VAL-07: must be at most \(limit) characters"))
            }
        }
        if draft.paymentMethods.isEmpty {
            problems.append(FPNError(field: "payment_methods", "R-FPN-04: at least one payment method is required"))
        } else if Set(draft.paymentMethods).count != draft.paymentMethods.count {
            problems.append(FPNError(field: "payment_methods", "R-VAL-10: must not name a payment method twice"))
        }
        if draft.evidence {
            if draft.fileIDs.isEmpty {
                problems.append(FPNError(field: "file_ids", "R-FPN-04: files are required when fpn_evidence is true"))
            } else if draft.fileIDs.count > FileRules.maximumFilesPerRecord {
                problems.append(
                    FPNError(
                        field: "file_ids",
                        "R-FPN-04: at most \(FileRules.maximumFilesPerRecord) files per fixed penalty notice"))
            }
        } else if !draft.fileIDs.isEmpty {
            problems.append(FPNError(field: "file_ids", "R-FPN-04: files are sent only when fpn_evidence is true"))
        }
        if let permit = draft.permitReferenceNumber, permit.trimmingCharacters(in: .whitespaces).isEmpty {
            problems.append(FPNError(field: "permit_reference_number", "R-FPN-04: must name a permit of the works"))
        }
        return problems
    }

    /// R-FPN-05, R-FPN-06, R-FPN-07: the status after `side` asks for `next` on a notice in
    /// `current`, or why not.
    /// - The promoter accepts (from issued or disputed) or disputes (from issued).
    /// - The highway authority withdraws (from issued or disputed) and records the outcome:
    ///   paid or paid_discounted from accepted, or directly from issued (R-FPN-06: the promoter's
    ///   steps are optional, it may pay offline).
    /// - A reason (at most 500 characters) is required to withdraw or dispute, optional to
    ///   accept, and not taken otherwise.
    public static func transition(from current: FPNStatus, to next: FPNStatus, by side: FPNSide, reason: String?)
        throws(FPNError) -> FPNStatus
    {
        let hasReason = !(reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        if let reason, reason.count > longText {
            throw FPNError(field: "status_reason", "R-FPN-07: must be at most \(longText) characters")
        }
        switch next {
        case .withdrawn, .disputed:
            guard hasReason else {
                throw FPNError(field: "status_reason", "R-FPN-07: is required when fpn_status is \(next.rawValue)")
            }
        case .issued, .paid, .paidDiscounted:
            if hasReason {
                throw FPNError(
                    field: "status_reason", "R-FPN-07: is taken only for accepted, disputed and withdrawn")
            }
        case .accepted:
            break
        }
        let allowed: [FPNStatus]
        let who: String
        switch (side, next) {
        case (.promoter, .accepted):
            (allowed, who) = ([.issued, .disputed], "the promoter")
        case (.promoter, .disputed):
            (allowed, who) = ([.issued], "the promoter")
        case (.highwayAuthority, .withdrawn):
            (allowed, who) = ([.issued, .disputed], "the highway authority")
        case (.highwayAuthority, .paid), (.highwayAuthority, .paidDiscounted):
            (allowed, who) = ([.issued, .accepted], "the highway authority")
        case (.promoter, _):
            throw FPNError(
                field: "fpn_status",
                "R-FPN-05: the promoter may set accepted or disputed, not \(next.rawValue)")
        case (.highwayAuthority, _):
            throw FPNError(
                field: "fpn_status",
                "R-FPN-05: the highway authority may set withdrawn, paid or paid_discounted, not \(next.rawValue)")
        }
        guard allowed.contains(current) else {
            throw FPNError(
                field: nil,
                "R-FPN-05: \(who) cannot make a fixed penalty notice \(current.rawValue) \(next.rawValue) (only from \(allowed.map(\.rawValue).joined(separator: " or ")))"
            )
        }
        return next
    }

    /// R-FPN-08 (D-FPNS): the highway authority may delete a notice only while it is `issued`:
    /// once the promoter has answered it or its outcome is recorded, it is withdrawn instead.
    public static func checkDeletable(_ status: FPNStatus, reference: String) throws(FPNError) {
        guard status == .issued else {
            throw FPNError(
                field: nil,
                "R-FPN-08: fixed penalty notice \(reference) is \(status.rawValue); only an issued notice may be deleted (withdraw it instead)"
            )
        }
    }
}
