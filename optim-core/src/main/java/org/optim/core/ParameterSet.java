package org.optim.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * An ordered list of uniquely named parameters of one {@link DType}: PyTorch's single parameter
 * group. The order is part of the math (SAM's global norm, per-step logs) and never changes.
 */
public final class ParameterSet implements Iterable<Parameter> {
    private final List<Parameter> parameters;
    private final DType dtype;
    private final Team team;

    public ParameterSet(List<Parameter> parameters) {
        this(parameters, Team.SOLO);
    }

    /** A set whose optimizers may split their element-wise updates among {@code team}. */
    public ParameterSet(List<Parameter> parameters, Team team) {
        if (parameters.isEmpty()) {
            throw new IllegalArgumentException("a parameter set needs at least one parameter");
        }
        Set<String> names = new HashSet<>();
        DType first = parameters.get(0).value().dtype();
        for (Parameter p : parameters) {
            if (!names.add(p.name())) {
                throw new IllegalArgumentException("duplicate parameter name: " + p.name());
            }
            if (p.value().dtype() != first) {
                throw new IllegalArgumentException("parameter " + p.name() + " is " + p.value().dtype().label()
                        + " but " + parameters.get(0).name() + " is " + first.label());
            }
        }
        this.parameters = List.copyOf(parameters);
        this.dtype = first;
        this.team = team;
    }

    public static ParameterSet of(Parameter... parameters) {
        return new ParameterSet(List.of(parameters));
    }

    public DType dtype() {
        return dtype;
    }

    public int size() {
        return parameters.size();
    }

    /** The threads that may share the element-wise updates of these parameters (one by default). */
    public Team team() {
        return team;
    }

    public Parameter get(int index) {
        return parameters.get(index);
    }

    /** The parameter called {@code name}. */
    public Parameter get(String name) {
        for (Parameter p : parameters) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("no parameter named " + name);
    }

    public List<Parameter> asList() {
        return parameters;
    }

    public List<String> names() {
        List<String> names = new ArrayList<>(parameters.size());
        for (Parameter p : parameters) {
            names.add(p.name());
        }
        return Collections.unmodifiableList(names);
    }

    /** Total number of scalar entries. */
    public long numel() {
        long n = 0;
        for (Parameter p : parameters) {
            n += p.value().size();
        }
        return n;
    }

    /** Deep copies of every value tensor, in order. */
    public List<Tensor> snapshotValues() {
        List<Tensor> copies = new ArrayList<>(parameters.size());
        for (Parameter p : parameters) {
            copies.add(p.value().copy());
        }
        return copies;
    }

    /** Copies {@code values} (as from {@link #snapshotValues()}) back into the parameters. */
    public void restoreValues(List<Tensor> values) {
        if (values.size() != parameters.size()) {
            throw new IllegalArgumentException("expected " + parameters.size() + " tensors, got " + values.size());
        }
        for (int i = 0; i < values.size(); i++) {
            parameters.get(i).value().copyFrom(values.get(i));
        }
    }

    @Override
    public Iterator<Parameter> iterator() {
        return parameters.iterator();
    }
}
