/// Every answer of a set checked at once, so that all failing fields are reported together.
public struct AnswerReview: Sendable {
    /// What is wrong with one field's answer.
    public enum Problem: Equatable, Sendable {
        case invalid(ValidationFailure)
        case missing
        /// An answer for a field the template does not have.
        case unknownField
        /// A rule of the schema does not hold ("整改数 <= 发现问题数"); its own message.
        case ruleBroken(String)
    }

    /// A failing field.
    public struct FieldProblem: Equatable, Sendable {
        public var fieldID: String
        public var problem: Problem
    }

    /// A field whose answer is used but is worth a second look.
    public struct FieldWarning: Equatable, Sendable {
        public var fieldID: String
        public var warning: ValidationWarning
    }

    /// The answers as they will be written, by field id (only valid ones).
    public var values: [String: String] = [:]
    /// Failing fields in field order, unknown ids last.
    public var problems: [FieldProblem] = []
    public var warnings: [FieldWarning] = []

    public var isValid: Bool { problems.isEmpty }

    /// Checks `answers` against every field of `template`; with `partial`, missing answers are allowed.
    public init(answers: [String: String], template: Template, partial: Bool) {
        for field in template.fields {
            guard let raw = answers[field.id] ?? field.defaultAnswer else {
                if !partial && !field.isOptional { problems.append(FieldProblem(fieldID: field.id, problem: .missing)) }
                continue
            }
            let verdict = Validation.check(raw, for: field, answers: answers)
            if let failure = verdict.failure {
                problems.append(FieldProblem(fieldID: field.id, problem: .invalid(failure)))
            } else if let value = verdict.value {
                values[field.id] = value
                for warning in verdict.warnings { warnings.append(FieldWarning(fieldID: field.id, warning: warning)) }
            }
        }
        for rule in template.rules where rule.holds(values) == false {
            problems.append(FieldProblem(fieldID: rule.fieldIDs.first ?? "", problem: .ruleBroken(rule.message)))
        }
        let known = Set(template.fields.map(\.id))
        for key in answers.keys.filter({ !known.contains($0) }).sorted(by: AnswerSet.naturalOrder) {
            problems.append(FieldProblem(fieldID: key, problem: .unknownField))
        }
    }
}
