using System.Collections.Generic;
using System.Linq;
using NlpSymbolic.Generator.Model;

namespace NlpSymbolic.Generator.Differentiation;

/// <summary>The derivative of one operation: <paramref name="Math"/> states it, <paramref name="Terms"/> implement it.</summary>
internal sealed record AdjointRule(OperationId Operation, string Math, params AdjointTerm[] Terms)
{
    /// <summary>The terms that send gradient to <paramref name="argument"/>.</summary>
    public IEnumerable<AdjointTerm> TermsFor(int argument) => Terms.Where(t => t.Argument == argument || t.Argument == -1);
}
