import Foundation
import IncidentModel

extension ActionDefinition {
    static let topLevelFields: Set<String> = [
        "id", "phase", "kinds", "summary", "risk", "warning", "confirm", "parameters", "requires", "preview", "notice", "records",
        "record", "steps", "verify", "undo", "onFailure", "onSuccess", "onUndo", "guardsCaller", "kindNotices", "undoParameters", "undoNotice",
        "precededBy",
    ]

    /// Reads and checks one definition document; every problem names `file` and the field.
    public static func load(json data: Data, file: String) throws(ActionCatalogError) -> ActionDefinition {
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw ActionCatalogError(file: file, field: "", reason: "not valid JSON (\((error as NSError).localizedDescription))")
        }
        let document = JSONField(value: root, path: "", file: file)
        let fields = try document.object(allowing: topLevelFields)

        let idField = try fields.required("id", in: document)
        let id = try idField.string()
        guard id.range(of: #"^[a-z0-9]+(\.[a-z0-9-]+)+$"#, options: .regularExpression) != nil else {
            throw idField.fail("expected service.verb, e.g. ec2.isolate (lowercase letters, digits, '-')")
        }
        let phaseField = try fields.required("phase", in: document)
        guard let phase = try? Phase(parsing: phaseField.string()) else { throw phaseField.fail("unknown phase") }
        let kindsField = try fields.required("kinds", in: document)
        let kindList = try kindsField.array()
        if kindList.isEmpty { throw kindsField.fail("name at least one resource kind") }
        var kinds: [ResourceKind] = []
        for field in kindList {
            guard let kind = ResourceKind(rawValue: try field.string()) else { throw field.fail("unknown resource kind") }
            kinds.append(kind)
        }
        let summary = try fields.required("summary", in: document).nonEmptyString()
        let riskField = try fields.required("risk", in: document)
        guard let risk = ActionRisk(rawValue: try riskField.string()) else {
            throw riskField.fail("expected one of \(ActionRisk.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let warning = try fields["warning"]?.nonEmptyString()
        let confirm = try fields["confirm"]?.nonEmptyString()
        let notice = try fields["notice"]?.nonEmptyString()
        var recordFormat: ActionRecordFormat?
        if let field = fields["records"] {
            guard let format = ActionRecordFormat(rawValue: try field.string()) else {
                throw field.fail("expected one of \(ActionRecordFormat.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard risk == .readOnly else { throw field.fail("only a read-only action gives log records") }
            recordFormat = format
        }
        if risk == .destructive && confirm == nil {
            throw document.child("confirm", NSNull()).fail("a destructive action needs the text to type before it runs")
        }

        var parameters: [ActionParameter] = []
        for field in try fields["parameters"]?.array() ?? [] {
            parameters.append(try parseParameter(field))
        }

        var requires: [ActionRequirement] = []
        for field in try fields["requires"]?.array() ?? [] {
            requires.append(try parseRequirement(field))
        }

        var stages: [ActionStage: [ActionStep]] = [:]
        for stage in ActionStage.allCases {
            var list: [ActionStep] = []
            for field in try fields[stage.field]?.array() ?? [] { list.append(try parseStep(field, stage: stage)) }
            stages[stage] = list
        }
        if stages[.change]!.isEmpty && risk != .readOnly {
            throw document.child("steps", NSNull()).fail("an action that changes AWS needs at least one step")
        }
        if risk == .reversible && stages[.undo]!.isEmpty {
            throw document.child("undo", NSNull()).fail("a reversible action needs undo steps")
        }
        if (risk == .readOnly || risk == .additive) && !stages[.undo]!.isEmpty {
            throw document.child("undo", NSNull()).fail("a \(risk.rawValue) action has nothing to undo")
        }
        if risk == .readOnly && !stages[.compensate]!.isEmpty {
            throw document.child("onFailure", NSNull()).fail("a read-only action changes nothing a failure could leave half-done")
        }
        var precededBy: [ActionPrecedent] = []
        for field in try fields["precededBy"]?.array() ?? [] {
            let object = try field.object(allowing: ["action", "otherwise"])
            let actionField = try object.required("action", in: field)
            let action = try actionField.string()
            guard action.range(of: #"^[a-z0-9]+(\.[a-z0-9-]+)+$"#, options: .regularExpression) != nil else {
                throw actionField.fail("expected an action id such as ec2.capture-memory")
            }
            precededBy.append(ActionPrecedent(action: action, otherwise: try object.required("otherwise", in: field).nonEmptyString()))
        }

        var successState: ResourceState?, successChecklist: String?, undoState: ResourceState?
        if let field = fields["onSuccess"] {
            let object = try field.object(allowing: ["state", "checklist"])
            successState = try object["state"].map { field throws(ActionCatalogError) in try parseState(field) }
            successChecklist = try object["checklist"]?.nonEmptyString()
            if let item = successChecklist, item.range(of: #"^[a-z-]+\.[a-z0-9-]+$"#, options: .regularExpression) == nil {
                throw object["checklist"]!.fail("expected a checklist item id such as containment.stop-instances")
            }
        }
        var undoStateWhen: String?
        if let field = fields["onUndo"] {
            let object = try field.object(allowing: ["state", "when"])
            undoState = try object["state"].map { field throws(ActionCatalogError) in try parseState(field) }
            undoStateWhen = try object["when"]?.nonEmptyString()
        }

        var definition = ActionDefinition(
            id: id, phase: phase, kinds: kinds, summary: summary, risk: risk, warning: warning, confirm: confirm,
            parameters: parameters, requires: requires, preview: stages[.preview]!, notice: notice, record: stages[.record]!, steps: stages[.change]!, verify: stages[.verify]!,
            undo: stages[.undo]!, successState: successState, successChecklist: successChecklist, undoState: undoState, source: file,
            recordFormat: recordFormat)
        definition.compensate = stages[.compensate]!
        definition.precededBy = precededBy
        var guarded = definition
        try guarded.loadIdentityFields(fields, document: document, undoStateWhen: undoStateWhen)
        try guarded.checkReferences(file: file)
        return guarded
    }

    private static func parseState(_ field: JSONField) throws(ActionCatalogError) -> ResourceState {
        guard let state = ResourceState(rawValue: try field.string()) else { throw field.fail("unknown resource state") }
        return state
    }

    static func parseParameter(_ field: JSONField) throws(ActionCatalogError) -> ActionParameter {
        let object = try field.object(allowing: ["name", "summary", "shape", "default", "required", "choices", "min", "max"])
        let nameField = try object.required("name", in: field)
        let name = try nameField.string()
        guard ArgumentTemplate.isPlainName(name) else { throw nameField.fail("expected lowercase letters, digits and '-'") }
        let shapeField = try object.required("shape", in: field)
        guard let shape = ActionParameter.Shape(rawValue: try shapeField.string()) else {
            throw shapeField.fail("expected one of \(ActionParameter.Shape.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        var choices: [String] = []
        for choice in try object["choices"]?.array() ?? [] { choices.append(try choice.nonEmptyString()) }
        if (shape == .choice) != !choices.isEmpty {
            throw (object["choices"] ?? field.child("choices", NSNull())).fail(shape == .choice ? "a choice needs its choices" : "only a choice has choices")
        }
        var range: ClosedRange<Int>?
        if object["min"] != nil || object["max"] != nil {
            guard shape == .integer, let low = object["min"]?.value as? Int, let high = object["max"]?.value as? Int, low <= high else {
                throw (object["min"] ?? object["max"]!).fail("an integer takes both min and max, whole numbers, min <= max")
            }
            range = low...high
        }
        let parameter = ActionParameter(name: name, summary: try object.required("summary", in: field).nonEmptyString(), shape: shape,
                                        defaultValue: try object["default"]?.string(), required: try object["required"]?.bool() ?? false,
                                        choices: choices, range: range)
        if let value = parameter.defaultValue {
            // Checked, not converted: a time default such as 24h means 24 hours before each plan.
            do { _ = try parameter.validate(value) } catch { throw object["default"]!.fail("\(error)") }
        }
        return parameter
    }

    private static func parseRequirement(_ field: JSONField) throws(ActionCatalogError) -> ActionRequirement {
        let object = try field.object(allowing: ["value", "absent", "within", "reason", "force"])
        let requirement = ActionRequirement(value: try object["value"]?.nonEmptyString(), absent: try object["absent"]?.nonEmptyString(),
                                            within: try object["within"]?.nonEmptyString(),
                                            reason: try object.required("reason", in: field).nonEmptyString(),
                                            forceable: try object["force"]?.bool() ?? true)
        guard (requirement.value == nil) != (requirement.absent == nil) else {
            throw field.fail("a requirement names either the value that must be found or the value that must be absent")
        }
        if requirement.within != nil && requirement.value == nil { throw object["within"]!.fail("within goes with value") }
        return requirement
    }

    private static func parseStep(_ field: JSONField, stage: ActionStage) throws(ActionCatalogError) -> ActionStep {
        let object = try field.object(allowing: Set(["name", "argv", "capture", "when", "unless", "dryRun", "expect", "expectIncludes", "kinds", "tolerate", "batch",
                                                     "evidence", "forEach", "as", "among", "derive", "report", "region",
                                                     "shareBy", "keyed", "removes"]).union(ActionStepPoll.stepFields))
        let nameField = try object.required("name", in: field)
        let name = try nameField.nonEmptyString()
        guard ArgumentTemplate.isPlainName(name) else { throw nameField.fail("expected lowercase letters, digits and '-'") }
        let derivation = try parseDerivation(object, in: field, stage: stage)
        let argvField = derivation == nil ? try object.required("argv", in: field) : field.child("argv", [])
        let list = try argvField.array()
        var arguments: [ArgumentTemplate] = []
        for argument in list { arguments.append(try ArgumentTemplate.parse(argument)) }
        if derivation == nil {
            guard let first = list.first else { throw argvField.fail("is empty") }
            guard case .literal(let service) = arguments[0], !service.hasPrefix("-") else {
                throw first.fail("the first argument is the AWS service, a literal such as ec2")
            }
        }
        for (index, argument) in arguments.enumerated() {
            if case .literal(let text) = argument, ["--profile", "--region", "--endpoint-url"].contains(text) || text.hasPrefix("--endpoint-url=") {
                throw list[index].fail("\(text) comes from the options and the resource, not from a definition")
            }
        }
        // Firebreak never has the CLI read a file or a URL in an argument's place (a query is never expanded).
        for (index, argument) in arguments.enumerated() where index == 0 || arguments[index - 1] != .literal("--query") {
            if case .literal(let text) = argument, let expansion = CLIValueExpansion.of(text) { throw list[index].fail("'\(text.terminalSafe)' \(expansion)") }
        }
        let capture = try object["capture"]?.string()
        if let capture, !ArgumentTemplate.isPlainName(capture) {
            throw object["capture"]!.fail("expected lowercase letters, digits and '-'")
        }
        if derivation != nil && capture == nil { throw object["derive"]!.fail("a derived value needs a capture to keep it") }
        let repetition = try parseRepetition(object, in: field)
        if repetition != nil, derivation != nil { throw object["derive"]!.fail("a derived value is computed once, not per item") }
        var report: String?
        if let reportField = object["report"] {
            guard stage == .compensate else { throw reportField.fail("only an onFailure step reports what it did") }
            report = try reportField.nonEmptyString()
        }
        var expectations: [String: String] = [:]
        for key in ["expect", "expectIncludes"] {
            guard let expectField = object[key] else { continue }
            guard stage == .verify || stage == .compensate else { throw expectField.fail("only verification and onFailure steps have an expected result") }
            let wrapped = try ArgumentTemplate.parse(JSONField(value: ["json": expectField.value], path: expectField.path, file: expectField.file))
            if case .json(let text) = wrapped { expectations[key] = text }
        }
        var kinds: [ResourceKind] = []
        for kindField in try object["kinds"]?.array() ?? [] {
            guard let kind = ResourceKind(rawValue: try kindField.string()) else { throw kindField.fail("unknown resource kind") }
            kinds.append(kind)
        }
        var tolerate: [String] = []
        for codeField in try object["tolerate"]?.array() ?? [] { tolerate.append(try codeField.nonEmptyString()) }
        let dryRun = try object["dryRun"]?.bool() ?? false
        if stage == .preview {
            if derivation != nil { throw object["derive"]!.fail("a preview step reads AWS; derive in a record step") }
            let operation = arguments.dropFirst().first.flatMap { if case .literal(let text) = $0 { text } else { nil } } ?? ""
            guard ["describe-", "get-", "head-", "list-", "lookup-"].contains(where: operation.hasPrefix) else {
                throw argvField.fail("a preview step only reads (describe-, get-, head-, list- or lookup- calls)")
            }
        }
        let batch = try object["batch"]?.bool() ?? false
        let keyed = try object["keyed"]?.bool() ?? false
        if keyed, !batch { throw object["keyed"]!.fail("keyed reads each resource's or item's value from one batched answer; it goes with batch") }
        if batch, repetition != nil, !keyed {
            throw object["batch"]!.fail("a repeated step makes one call per item; it cannot also batch unless keyed (each item's value read from one answer)")
        }
        if batch {
            if !keyed && (capture != nil || !expectations.isEmpty) {
                throw object["batch"]!.fail("a batched call answers for several resources at once, so it cannot capture or expect")
            }
            let collects = arguments.contains { argument in
                switch argument {
                case .placeholder("resource"), .spread: return true
                case .placeholder(let name): return repetition?.gives(name) == true
                default: return false
                }
            }
            if !collects { throw object["batch"]!.fail("a batched step needs {resource} or a {name...} spread to collect the ids into") }
        }
        let (poll, evidence) = try parseWaitAndEvidence(object, step: field, stage: stage, batch: batch)
        let region = try object["region"]?.string()
        if region != nil, batch { throw object["region"]!.fail("a batched call goes to the resources' region; it cannot name another") }
        var step = ActionStep(name: name, arguments: arguments, capture: capture, when: try object["when"]?.string(),
                          unless: try object["unless"]?.string(), supportsDryRun: dryRun, expect: expectations["expect"],
                          expectIncludes: expectations["expectIncludes"], kinds: kinds, tolerate: tolerate, batch: batch,
                          poll: poll, evidence: evidence, repetition: repetition, derivation: derivation, report: report)
        step.region = region
        step.keyed = keyed
        if let shareField = object["shareBy"] {
            let name = try shareField.nonEmptyString()
            guard ArgumentTemplate.isPlainName(name) else { throw shareField.fail("expected lowercase letters, digits and '-'") }
            if batch || repetition != nil || poll != nil || evidence != nil || derivation != nil {
                throw shareField.fail("a shared step is one plain call per group of resources; it cannot also batch, repeat, wait, keep evidence or derive")
            }
            if stage == .compensate || stage == .verify {
                throw shareField.fail("verification and onFailure steps check each resource alone; only change and undo steps share")
            }
            step.shareBy = name
        }
        if let removesField = object["removes"] {
            guard stage == .undo, step.shareBy != nil else {
                throw removesField.fail("removes says what a shared undo step takes away; only an undo step with shareBy has it")
            }
            step.removes = try removesField.nonEmptyString()
        }
        return step
    }

    private static func parseRepetition(_ object: [String: JSONField], in field: JSONField) throws(ActionCatalogError) -> StepRepetition? {
        guard let listField = object["forEach"] else {
            if let stray = object["as"] ?? object["among"] { throw stray.fail("only a step with forEach names an item") }
            return nil
        }
        let list = try listField.string()
        guard ArgumentTemplate.isPlainName(list) else { throw listField.fail("expected the name of a captured list") }
        let itemField = try object.required("as", in: field)
        let item = try itemField.string()
        guard ArgumentTemplate.isPlainName(item) else { throw itemField.fail("expected lowercase letters, digits and '-'") }
        var among: String?
        if let amongField = object["among"] {
            among = try amongField.string()
            guard ArgumentTemplate.isPlainName(among!) else { throw amongField.fail("expected the name of a captured list") }
        }
        return StepRepetition(list: list, item: item, among: among)
    }

    private static func parseDerivation(_ object: [String: JSONField], in field: JSONField, stage: ActionStage) throws(ActionCatalogError) -> StepDerivation? {
        guard let deriveField = object["derive"] else { return nil }
        if let argv = object["argv"] { throw argv.fail("a derived step computes its value and calls nothing; drop argv") }
        let builtins = try deriveField.object(allowing: Set(StepDerivation.names))
        guard builtins.count == 1, let (name, inputs) = builtins.first else {
            throw deriveField.fail("name one built-in: \(StepDerivation.names.joined(separator: ", "))")
        }
        switch name {
        case "lowest-free-rule-numbers":
            let fields = try inputs.object(allowing: ["entries", "for"])
            let entries = try fields.required("entries", in: inputs).string()
            let list = try fields.required("for", in: inputs).string()
            for (key, value) in [("entries", entries), ("for", list)] where !ArgumentTemplate.isPlainName(value) {
                throw fields[key]!.fail("expected the name of a capture or parameter")
            }
            return .lowestFreeRuleNumbers(entries: entries, for: list)
        case "public-statements":
            let fields = try inputs.object(allowing: ["policy"])
            let policy = try fields.required("policy", in: inputs).string()
            guard ArgumentTemplate.isPlainName(policy) else { throw fields["policy"]!.fail("expected the name of a capture") }
            return .publicStatements(policy: policy)
        default:
            throw deriveField.fail("unknown built-in '\(name)'")
        }
    }

    /// Every placeholder must be known where it is used: built-in, a parameter,
    /// or captured by an earlier step (undo sees everything record and steps captured).
    func checkReferences(file: String) throws(ActionCatalogError) {
        var known = ActionDefinition.commonPlaceholders.union(parameters.map(\.name))
        for kind in kinds { known.formUnion(ActionDefinition.kindPlaceholders[kind] ?? []) }
        if guardsCaller { known.formUnion(ActionDefinition.callerPlaceholders) }
        let stepNames = (preview + record + steps + verify + compensate).map(\.name)
        if let duplicate = Dictionary(grouping: stepNames, by: { $0 }).first(where: { $0.value.count > 1 })?.key {
            throw ActionCatalogError(file: file, field: "steps", reason: "two steps are named '\(duplicate)'")
        }
        var captured = known
        func check(_ stage: ActionStage, visible initial: Set<String>) throws(ActionCatalogError) -> Set<String> {
            var captures: Set<String> = []
            var visible: Set<String> { initial.union(captures) }
            for (index, step) in steps(of: stage).enumerated() {
                let path = "\(stage.field)[\(index)]"
                if let repetition = step.repetition {
                    for (label, name) in [("forEach", repetition.list), ("among", repetition.among)] {
                        if let name, !visible.contains(name) {
                            throw ActionCatalogError(file: file, field: "\(path).\(label)", reason: "'\(name)' is not captured by an earlier step")
                        }
                    }
                    if visible.contains(repetition.item) {
                        throw ActionCatalogError(file: file, field: "\(path).as", reason: "'\(repetition.item)' is already a value of the action")
                    }
                }
                for name in step.derivation?.references ?? [] where !visible.contains(name) {
                    throw ActionCatalogError(file: file, field: "\(path).derive", reason: "'\(name)' is not a parameter or captured by an earlier step")
                }
                // A repeated step also sees its item and the item's fields.
                func knows(_ name: String) -> Bool { visible.contains(name) || step.repetition?.gives(name) == true }
                for (position, argument) in step.arguments.enumerated() {
                    for name in argument.references where !knows(name) {
                        throw ActionCatalogError(file: file, field: "\(path).argv[\(position)]", reason: "unknown placeholder {\(name)}")
                    }
                }
                for (label, name) in [("when", step.when), ("unless", step.unless), ("region", step.region), ("shareBy", step.shareBy)] {
                    if let name, !knows(name) {
                        throw ActionCatalogError(file: file, field: "\(path).\(label)", reason: "unknown placeholder '\(name)'")
                    }
                }
                for (label, expect) in [("expect", step.expect), ("expectIncludes", step.expectIncludes)] {
                    guard let expect else { continue }
                    for name in ArgumentTemplate.json(expect).references where !knows(name) {
                        throw ActionCatalogError(file: file, field: "\(path).\(label)", reason: "unknown placeholder {\(name)}")
                    }
                }
                for name in ArgumentTemplate.queryReferences(step.report ?? "") where !knows(name) {
                    throw ActionCatalogError(file: file, field: "\(path).report", reason: "unknown placeholder {\(name)}")
                }
                if let kind = step.kinds.first(where: { !kinds.contains($0) }) {
                    throw ActionCatalogError(file: file, field: "\(path).kinds", reason: "\(kind.rawValue) is not one of the action's kinds")
                }
                if let capture = step.capture {
                    if known.contains(capture) {
                        throw ActionCatalogError(file: file, field: "\(path).capture", reason: "'\(capture)' is already a built-in value or parameter")
                    }
                    captures.insert(capture)
                }
            }
            return visible.union(captures)
        }
        captured = try check(.preview, visible: captured)
        if let notice {
            for name in PlanText.references(notice) where !captured.contains(name) {
                throw ActionCatalogError(file: file, field: "notice", reason: "unknown placeholder {\(name)}")
            }
        }
        if let confirm {
            for name in PlanText.references(confirm) where !captured.contains(name) {
                throw ActionCatalogError(file: file, field: "confirm", reason: "unknown placeholder {\(name)} (the text is filled once the preview ran)")
            }
        }
        captured = try check(.record, visible: captured)
        for (index, requirement) in requires.enumerated() {
            for name in requirement.references where !captured.contains(name) {
                throw ActionCatalogError(file: file, field: "requires[\(index)]", reason: "'\(name)' is not captured by a preview or record step")
            }
            for name in PlanText.references(requirement.reason) where !captured.contains(name) && name != "missing" {
                throw ActionCatalogError(file: file, field: "requires[\(index)].reason", reason: "unknown placeholder {\(name)}")
            }
        }
        captured = try check(.change, visible: captured)
        _ = try check(.verify, visible: captured)
        _ = try check(.undo, visible: captured.union(undoParameters.map(\.name)))
        _ = try check(.compensate, visible: captured)
    }
}
