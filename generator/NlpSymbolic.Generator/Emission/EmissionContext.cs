using NlpSymbolic.Generator.Differentiation;
using NlpSymbolic.Generator.Model;
using NlpSymbolic.Generator.Model.Ir;
using NlpSymbolic.Generator.Planning;

namespace NlpSymbolic.Generator.Emission;

/// <summary>
/// What every writer of one method's generated file reads: the plan, the names chosen for it, and the file
/// being written. Handed to each writer whole, instead of its parts one parameter at a time.
/// </summary>
internal sealed class EmissionContext
{
    public EmissionContext(EmissionPlan plan)
    {
        Plan = plan;
        Names = new EmittedNames(plan.Program);
        Tape = new Tape(plan.Tape);
    }

    public EmissionPlan Plan { get; }

    public EmittedNames Names { get; }

    /// <summary>Lookups over <see cref="EmissionPlan.Tape"/>.</summary>
    public Tape Tape { get; }

    /// <summary>The generated file.</summary>
    public SourceWriter Writer { get; } = new();

    public AdjointProgram Program => Plan.Program;

    public IrMethod Method => Plan.Program.Method;

    public DifferentiableMethodSpec Spec => Plan.Program.Spec;
}
