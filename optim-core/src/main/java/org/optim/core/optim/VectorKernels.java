package org.optim.core.optim;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.optim.core.Team;
import org.optim.core.Tensor;

/**
 * The float32 element-wise loops of the optimizers, several lanes at a time. Each lane performs
 * exactly the IEEE operations of the scalar reference code, in the same order (a lane FMA is
 * {@code Math.fma}), so the results are bit-identical to it; the scalar tail below each vector loop
 * repeats the same operations. Every vector has the one preferred shape (floats, and the doubles of
 * {@link #dot}): on JDK 17 a second shape in the same JVM (8-lane floats, 4-lane doubles in the
 * reductions) left the code of both boxing vectors on the heap, in every optimizer that ran after it
 * in that JVM (the runner runs many experiments in one). The reductions sum one block of {@link
 * Reductions#dot} each, in its fixed order (Reductions shares the blocks among threads). Only loaded when
 * {@link org.optim.core.Kernel#vectorized} says the incubator module is present.
 */
final class VectorKernels {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> I = S.withLanes(int.class);
    /** Whether {@link #dot}'s 8 partial sums are the lanes of one double vector (16-lane floats). */
    private static final boolean LANE_PARTIALS = S.length() == 16 && D.length() == 8;
    /** Elements per block of {@link #adam}: the decaying moments of a block are set aside together. */
    private static final int BLOCK = 512;
    private static final int INFINITY_BITS = Float.floatToRawIntBits(Float.POSITIVE_INFINITY);
    private static final int MAGNITUDE = 0x7fffffff;
    private static final int SIGN = 0x80000000;
    /** 2^23, whose ulp is 1: adding and subtracting it rounds a float in [0, 2^23) to an integer, ties to even. */
    private static final float ROUNDER = 0x1p23f;
    private static final int ROUNDER_BITS = Float.floatToRawIntBits(ROUNDER);
    private static final int HALF_BITS = Float.floatToRawIntBits(0.5f);

    private VectorKernels() {
    }

    /** The backing array of a float32 tensor. */
    static float[] f32(Tensor t) {
        return ((Tensor.F32) t).data();
    }

    /** {@link SGD}: one parameter over {@code [from, to)}. {@code l2} adds the weight decay; {@code buf == null} means no momentum. */
    static void sgd(float[] p, float[] g, float[] buf, boolean first, boolean nesterov, boolean l2, float wd, float mu,
                    float oneMinusDampening, float negLr, int from, int to) {
        int i = from;
        for (int end = from + S.loopBound(to - from); i < end; i += S.length()) {
            FloatVector pv = FloatVector.fromArray(S, p, i);
            FloatVector d = FloatVector.fromArray(S, g, i);
            if (l2) {
                d = pv.fma(FloatVector.broadcast(S, wd), d);
            }
            if (buf != null) {
                FloatVector b = first ? d
                        : d.fma(FloatVector.broadcast(S, oneMinusDampening), FloatVector.fromArray(S, buf, i).mul(mu));
                b.intoArray(buf, i);
                d = nesterov ? b.fma(FloatVector.broadcast(S, mu), d) : b;
            }
            d.fma(FloatVector.broadcast(S, negLr), pv).intoArray(p, i);
        }
        for (; i < to; i++) {
            float d = g[i];
            if (l2) {
                d = Math.fma(wd, p[i], d);
            }
            if (buf != null) {
                float b = first ? d : Math.fma(oneMinusDampening, d, buf[i] * mu);
                buf[i] = b;
                d = nesterov ? Math.fma(mu, b, d) : b;
            }
            p[i] = Math.fma(negLr, d, p[i]);
        }
    }

    /** Scalars of one Adam parameter update (already rounded to float32). */
    record AdamScalars(boolean decoupled, boolean l2, float wd, float decoupledFactor, float b1, float b2, float oneMinusB1,
                       float oneMinusB2, float eps, boolean keras, float negStepSize, float bc2Sqrt, float kerasLr) {
        /**
         * Bits of a weight magnitude T such that a step whose new first moment has |m| &le; 2^-125 leaves
         * every weight above T unchanged; those of +&infin; when there is none: beta1 outside [2^-80, 1]
         * (where {@link #setAsideDecaying}'s integer rounding is not exact), eps not normal, or coupled
         * L2 decay (the gradient then depends on the weight). The step q = fl(fl(s&middot;m) / d) with s
         * the step size ({@code kerasLr} or |{@code negStepSize}|) and d &ge; eps (eps is added last to a
         * root &ge; 0) has |q| &le; b = (s&middot;2^-125&middot;(1 + 2^-23) + 2^-149) / eps &middot; (1 +
         * 2^-22) + 2^-149, and 2^26 b &lt; |p| gives |q| &lt; 2^-26 |p| &lt; ulp(p) / 2, so fl(p + q) =
         * p. T is for the weight before decoupled decay: 2^26 b / factor &middot; (1 + 2^-20).
         */
        int unchangedAboveBits() {
            boolean decays = decoupled && decoupledFactor != 1;
            boolean exact = b1 >= 0x1p-80f && b1 <= 1 && eps >= Float.MIN_NORMAL;
            if (!exact || l2 && !decoupled || decays && !(decoupledFactor > 0)) {
                return INFINITY_BITS;
            }
            double s = Math.abs(keras ? kerasLr : negStepSize);
            double b = (s * 0x1p-125 * (1 + 0x1p-23) + 0x1p-149) / eps * (1 + 0x1p-22) + 0x1p-149;
            double t = b * 0x1p26 / (decays ? decoupledFactor * (1 - 0x1p-20) : 1);
            float above = Math.nextUp((float) t);
            return Float.isFinite(above) ? Float.floatToRawIntBits(above) : INFINITY_BITS;
        }
    }

    /** An element-wise loop over {@code [from, to)}. */
    interface Range {
        void run(int from, int to);
    }

    /** Fewer elements than this are updated by the caller alone: handing them to a team costs more. */
    private static final int TEAM_MIN = 1 << 15;

    /** Runs {@code range} over {@code [0, n)} split among {@code team} ({@link Team#share}); the caller alone when n is small. */
    static void split(Team team, int n, Range range) {
        if (n < TEAM_MIN || team.size() == 1) {
            range.run(0, n);
            return;
        }
        int size = team.size();
        team.run(member -> range.run(Team.share(n, member, size), Team.share(n, member + 1, size)));
    }

    /**
     * {@link Adam}: one parameter over {@code [from, to)}; {@code vmax == null} unless amsgrad. The plain
     * vector loop {@link #adamVectors} runs on blocks of {@link #BLOCK} elements. With {@code setAside}
     * ({@link SubnormalArithmetic#slow}: where a CPU takes a microcode assist for nearly every vector
     * operation on a subnormal), the decaying first moments of a block ({@link #markDecaying}) are set
     * aside before it and restored after it; the bits are the same either way.
     */
    static void adam(float[] p, float[] g, float[] m, float[] v, float[] vmax, AdamScalars c, boolean setAside,
                     int from, int to) {
        int end = from + S.loopBound(to - from);
        int keptAbove = setAside ? c.unchangedAboveBits() : INFINITY_BITS;
        int[] marks = new int[BLOCK / S.length()];
        int[] aside = new int[BLOCK];
        int i = from;
        while (i < end) {
            int blockEnd = Math.min(end, i + BLOCK);
            // Called only when there is work: called with none, C2 compiled the set-aside loop before it
            // had run and left its vectors boxed (9 young collections per second instead of 1.5).
            int marked = keptAbove < INFINITY_BITS ? markDecaying(m, i, blockEnd, marks) : 0;
            if (marked > 0) {
                setAsideDecaying(p, g, m, aside, c.b1(), keptAbove, marks, marked);
            }
            adamVectors(p, g, m, v, vmax, c, i, blockEnd);
            if (marked > 0) {
                restoreDecayed(m, aside, marks, marked);
            }
            i = blockEnd;
        }
        for (; i < to; i++) {
            float pk = p[i];
            float gk = g[i];
            if (c.decoupled()) {
                pk = pk * c.decoupledFactor();
            } else if (c.l2()) {
                gk = Math.fma(c.wd(), pk, gk);
            }
            float mk = Math.fma(c.oneMinusB1(), gk, m[i] * c.b1());
            float vk = Math.fma(c.oneMinusB2() * gk, gk, v[i] * c.b2());
            m[i] = mk;
            v[i] = vk;
            if (vmax != null) {
                vk = Math.max(vmax[i], vk);
                vmax[i] = vk;
            }
            if (c.keras()) {
                p[i] = pk - (mk * c.kerasLr()) / ((float) Math.sqrt(vk) + c.eps());
            } else {
                p[i] = pk + (c.negStepSize() * mk) / ((float) Math.sqrt(vk) / c.bc2Sqrt() + c.eps());
            }
        }
    }

    /** The plain vector loop of {@link #adam} over {@code [from, to)}, a whole number of vectors. */
    private static void adamVectors(float[] p, float[] g, float[] m, float[] v, float[] vmax, AdamScalars c, int from,
                                    int to) {
        for (int i = from; i < to; i += S.length()) {
            FloatVector pv = FloatVector.fromArray(S, p, i);
            FloatVector gv = FloatVector.fromArray(S, g, i);
            if (c.decoupled()) {
                pv = pv.mul(c.decoupledFactor());
            } else if (c.l2()) {
                gv = pv.fma(FloatVector.broadcast(S, c.wd()), gv);
            }
            FloatVector mv = gv.fma(FloatVector.broadcast(S, c.oneMinusB1()), FloatVector.fromArray(S, m, i).mul(c.b1()));
            FloatVector vv = gv.mul(c.oneMinusB2()).fma(gv, FloatVector.fromArray(S, v, i).mul(c.b2()));
            mv.intoArray(m, i);
            vv.intoArray(v, i);
            if (vmax != null) {
                vv = FloatVector.fromArray(S, vmax, i).max(vv);
                vv.intoArray(vmax, i);
            }
            if (c.keras()) {
                pv.sub(mv.mul(c.kerasLr()).div(vv.sqrt().add(c.eps()))).intoArray(p, i);
            } else {
                pv.add(mv.mul(c.negStepSize()).div(vv.sqrt().div(c.bc2Sqrt()).add(c.eps()))).intoArray(p, i);
            }
        }
    }

    /**
     * Marks the vectors of {@code m[from, to)} that hold a decaying first moment: nonzero with |m| &le;
     * 2^-125, that is magnitude bits M in [1, 2^24], where m = &plusmn;M &middot; 2^-149 and the next m
     * (subnormal unless it is still in [2^-126, 2^-125)) takes a microcode assist on x86 when a vector
     * multiplies it. Integer operations only, which take none. Returns how many offsets it put in
     * {@code marks}.
     */
    private static int markDecaying(float[] m, int from, int to, int[] marks) {
        int marked = 0;
        for (int i = from; i < to; i += S.length()) {
            IntVector magnitude = FloatVector.fromArray(S, m, i).reinterpretAsInts().and(MAGNITUDE);
            if (decaying(magnitude).anyTrue()) {
                marks[marked++] = i;
            }
        }
        return marked;
    }

    /** The lanes whose first moment's magnitude bits M are in [1, 2^24]: nonzero with |m| &le; 2^-125. */
    private static VectorMask<Integer> decaying(IntVector magnitude) {
        return magnitude.sub(1).lanewise(VectorOperators.LSHR, 24).eq(0);
    }

    /**
     * Sets the decaying first moments of the vectors at {@code marks} ({@link #markDecaying}) aside
     * before {@link #adamVectors} runs on their block, so that no float operation touches a subnormal
     * m. A lane is <em>decaying</em> when its m is (see {@link #markDecaying}), its gradient is
     * &plusmn;0 and its weight's magnitude is finite and above {@code keptAboveBits} ({@link
     * AdamScalars#unchangedAboveBits}; the weight before any decoupled decay). Its m is
     * replaced by a zero of its sign, with which the plain loop gives the lane's weight (p + &plusmn;0
     * = p, as the true tiny step leaves it) and its new m when m&middot;beta1 rounds to zero
     * (fma(&plusmn;0, 1 - beta1, &plusmn;0)). Otherwise the new m is m&middot;beta1 (adding the
     * &plusmn;0 gradient term changes nothing), which this method computes on the grid of 2^-149 in
     * integers and leaves in {@code aside} for {@link #restoreDecayed} (0 for the other lanes): with m
     * = &plusmn;M&middot;2^-149, hi = fl(M&middot;beta1) and lo = fma(M, beta1, -hi) are normal floats
     * with M&middot;beta1 = hi + lo exactly (lo is never -0: an exact FMA result of zero is +0); hi is
     * rounded to an integer by {@link #ROUNDER}, ties to even, and moved one step toward lo where hi
     * was a tie and lo is not zero.
     */
    private static void setAsideDecaying(float[] p, float[] g, float[] m, int[] aside, float b1, int keptAboveBits,
                                         int[] marks, int marked) {
        IntVector none = IntVector.zero(I);
        for (int k = 0; k < marked; k++) {
            int i = marks[k];
            IntVector mBits = FloatVector.fromArray(S, m, i).reinterpretAsInts();
            IntVector magnitude = mBits.and(MAGNITUDE);
            IntVector pMagnitude = FloatVector.fromArray(S, p, i).reinterpretAsInts().and(MAGNITUDE);
            VectorMask<Integer> decaying = decaying(magnitude)
                    .and(FloatVector.fromArray(S, g, i).reinterpretAsInts().and(MAGNITUDE).eq(0))
                    .and(pMagnitude.compare(VectorOperators.GT, keptAboveBits))
                    .and(pMagnitude.compare(VectorOperators.LE, INFINITY_BITS));
            IntVector mSign = mBits.and(SIGN);
            FloatVector grid = integral(none.blend(magnitude, decaying));
            FloatVector hi = grid.mul(b1);
            FloatVector lo = grid.fma(FloatVector.broadcast(S, b1), hi.neg());
            FloatVector shifted = hi.add(ROUNDER);
            IntVector hiBits = hi.reinterpretAsInts();
            IntVector product = shifted.reinterpretAsInts().sub(ROUNDER_BITS)
                    .blend(hiBits.sub(ROUNDER_BITS - (1 << 23)), hiBits.compare(VectorOperators.GE, ROUNDER_BITS));
            IntVector half = hi.sub(shifted.sub(ROUNDER)).reinterpretAsInts();
            IntVector loBits = lo.reinterpretAsInts();
            product = product.add(1, half.eq(HALF_BITS).and(loBits.compare(VectorOperators.GT, 0)))
                    .sub(1, half.eq(HALF_BITS | SIGN).and(loBits.compare(VectorOperators.LT, 0)));
            none.blend(product.or(mSign), product.compare(VectorOperators.NE, 0)).intoArray(aside, k * S.length());
            mBits.blend(mSign, decaying).reinterpretAsFloats().intoArray(m, i);
        }
    }

    /** After {@link #adamVectors}: the new first moments {@link #setAsideDecaying} left in {@code aside}. */
    private static void restoreDecayed(float[] m, int[] aside, int[] marks, int marked) {
        for (int k = 0; k < marked; k++) {
            int i = marks[k];
            IntVector decayed = IntVector.fromArray(I, aside, k * S.length());
            FloatVector.fromArray(S, m, i).reinterpretAsInts().blend(decayed, decayed.compare(VectorOperators.NE, 0))
                    .reinterpretAsFloats().intoArray(m, i);
        }
    }

    /**
     * The float of each integer lane M in [0, 2^24], exactly, without a conversion (JDK 17 compiles
     * int/float vector conversions to code that boxes vectors): below 2^23 M is the mantissa of 2^23 +
     * M, from 2^23 on the float is 2^23 + M's encoding moved down one binade.
     */
    private static FloatVector integral(IntVector m) {
        IntVector below = m.add(ROUNDER_BITS).reinterpretAsFloats().sub(ROUNDER).reinterpretAsInts();
        return below.blend(m.add(ROUNDER_BITS - (1 << 23)), m.compare(VectorOperators.GE, 1 << 23)).reinterpretAsFloats();
    }

    /** {@link AdamP}'s moments and unprojected direction {@code perturb} for one parameter over {@code [from, to)}. */
    static void adamP(float[] g, float[] m, float[] v, float[] perturb, boolean nesterov, float b1, float b2,
                      float oneMinusB1, float oneMinusB2, float eps, float bc2Sqrt, int from, int to) {
        int i = from;
        for (int end = from + S.loopBound(to - from); i < end; i += S.length()) {
            FloatVector gv = FloatVector.fromArray(S, g, i);
            FloatVector mv = gv.fma(FloatVector.broadcast(S, oneMinusB1), FloatVector.fromArray(S, m, i).mul(b1));
            FloatVector vv = gv.mul(oneMinusB2).fma(gv, FloatVector.fromArray(S, v, i).mul(b2));
            mv.intoArray(m, i);
            vv.intoArray(v, i);
            FloatVector denom = vv.sqrt().div(bc2Sqrt).add(eps);
            FloatVector numerator = nesterov ? mv.mul(b1).add(gv.mul(oneMinusB1)) : mv;
            numerator.div(denom).intoArray(perturb, i);
        }
        for (; i < to; i++) {
            float gk = g[i];
            float mk = Math.fma(oneMinusB1, gk, m[i] * b1);
            float vk = Math.fma(oneMinusB2 * gk, gk, v[i] * b2);
            m[i] = mk;
            v[i] = vk;
            float denom = (float) Math.sqrt(vk) / bc2Sqrt + eps;
            float numerator = nesterov ? b1 * mk + oneMinusB1 * gk : mk;
            perturb[i] = numerator / denom;
        }
    }

    /** {@link SGDP}'s momentum buffer and (nesterov) direction {@code d} for one parameter. */
    static void sgdP(float[] g, float[] buf, float[] d, boolean nesterov, float mu, float oneMinusDampening) {
        int n = g.length;
        int i = 0;
        for (; i < S.loopBound(n); i += S.length()) {
            FloatVector gv = FloatVector.fromArray(S, g, i);
            FloatVector b = gv.fma(FloatVector.broadcast(S, oneMinusDampening), FloatVector.fromArray(S, buf, i).mul(mu));
            b.intoArray(buf, i);
            if (nesterov) {
                gv.add(b.mul(mu)).intoArray(d, i);
            }
        }
        for (; i < n; i++) {
            float gk = g[i];
            float b = Math.fma(oneMinusDampening, gk, buf[i] * mu);
            buf[i] = b;
            if (nesterov) {
                d[i] = gk + mu * b;
            }
        }
    }

    /** AdamP/SGDP's last line over {@code [from, to)}: {@code p = fma(negStep, d, decay ? p * factor : p)}. */
    static void decayAndStep(float[] p, float[] d, boolean decay, float factor, float negStep, int from, int to) {
        int i = from;
        for (int end = from + S.loopBound(to - from); i < end; i += S.length()) {
            FloatVector pv = FloatVector.fromArray(S, p, i);
            if (decay) {
                pv = pv.mul(factor);
            }
            FloatVector.fromArray(S, d, i).fma(FloatVector.broadcast(S, negStep), pv).intoArray(p, i);
        }
        for (; i < to; i++) {
            p[i] = Math.fma(negStep, d[i], decay ? p[i] * factor : p[i]);
        }
    }

    /**
     * {@link Expectigrad}: one parameter over {@code [from, to)}; {@code n == null} means the dense counter {@code dense};
     * {@code mom == null} means no momentum. Returns the number of exactly-zero gradient entries.
     */
    static long expectigrad(float[] p, float[] g, float[] s, float[] n, float dense, float[] mom, float beta,
                            float oneMinusBeta, float eps, float negLr, int from, int to) {
        long zeros = 0;
        int i = from;
        FloatVector denseV = FloatVector.broadcast(S, dense);
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (int end = from + S.loopBound(to - from); i < end; i += S.length()) {
            FloatVector gv = FloatVector.fromArray(S, g, i);
            zeros += gv.compare(VectorOperators.EQ, 0f).trueCount();
            FloatVector sq = gv.mul(gv);
            FloatVector sv = FloatVector.fromArray(S, s, i).add(sq);
            sv.intoArray(s, i);
            FloatVector nv = denseV;
            if (n != null) {
                // Math.signum(sq) for sq >= 0 or NaN: 1 where sq > 0, else sq itself (0 or NaN).
                nv = FloatVector.fromArray(S, n, i).add(sq.blend(one, sq.compare(VectorOperators.GT, 0f)));
                nv.intoArray(n, i);
            }
            FloatVector avg = sv.div(nv);
            VectorMask<Float> nan = avg.test(VectorOperators.IS_NAN);
            avg = avg.blend(0f, nan);
            FloatVector u = gv.div(avg.sqrt().add(eps));
            if (mom != null) {
                u = FloatVector.fromArray(S, mom, i).mul(beta).add(u.mul(oneMinusBeta));
                u.intoArray(mom, i);
            }
            FloatVector.fromArray(S, p, i).add(u.mul(negLr)).intoArray(p, i);
        }
        for (; i < to; i++) {
            float gk = g[i];
            if (gk == 0) {
                zeros++;
            }
            float sq = gk * gk;
            float sk = s[i] + sq;
            s[i] = sk;
            float nk = dense;
            if (n != null) {
                nk = n[i] + Math.signum(sq);
                n[i] = nk;
            }
            float avg = sk / nk;
            if (Float.isNaN(avg)) {
                avg = 0;
            }
            float u = gk / ((float) Math.sqrt(avg) + eps);
            if (mom != null) {
                u = mom[i] * beta + u * oneMinusBeta;
                mom[i] = u;
            }
            p[i] = p[i] + u * negLr;
        }
        return zeros;
    }

    /**
     * SAM's ascent step over one block {@code [from, from + n)} of a parameter: {@code perturbed = p
     * + e} with {@code e = ((adaptive ? p * p : 1) * g) * scale}, p unchanged; returns the block's
     * {@code dot(e, e)} in the order of {@link #dot}. e is first written to {@code perturbed}, summed
     * there, then p is added to it.
     */
    static double samAscent(float[] p, float[] g, float[] perturbed, boolean adaptive, float scale, int from, int n) {
        int to = from + n;
        int i = from;
        int end = from + S.loopBound(n);
        // Two loops: a vector assigned in a branch inside the loop was boxed by C2 on JDK 17.
        if (adaptive) {
            for (; i < end; i += S.length()) {
                FloatVector pv = FloatVector.fromArray(S, p, i);
                pv.mul(pv).mul(FloatVector.fromArray(S, g, i)).mul(scale).intoArray(perturbed, i);
            }
        } else {
            for (; i < end; i += S.length()) {
                FloatVector.fromArray(S, g, i).mul(scale).intoArray(perturbed, i);
            }
        }
        for (; i < to; i++) {
            perturbed[i] = (adaptive ? p[i] * p[i] * g[i] : g[i]) * scale;
        }
        double squares = dot(perturbed, from, perturbed, from, n);
        for (i = from; i < end; i += S.length()) {
            FloatVector.fromArray(S, p, i).add(FloatVector.fromArray(S, perturbed, i)).intoArray(perturbed, i);
        }
        for (; i < to; i++) {
            perturbed[i] = p[i] + perturbed[i];
        }
        return squares;
    }

    /** {@code x = |p| * g} over {@code [from, from + n)} (ASAM's weighted gradient, rounded per entry). */
    static void weighted(float[] p, float[] g, float[] x, int from, int n) {
        int to = from + n;
        int i = from;
        for (int end = from + S.loopBound(n); i < end; i += S.length()) {
            FloatVector.fromArray(S, p, i).abs().mul(FloatVector.fromArray(S, g, i)).intoArray(x, i);
        }
        for (; i < to; i++) {
            x[i] = Math.abs(p[i]) * g[i];
        }
    }

    /** {@code dst[j] = src[from + j] / d} for every j of {@code dst} (a row of AdamP's {@code p_n}). */
    static void divide(float[] src, int from, float d, float[] dst) {
        int n = dst.length;
        int j = 0;
        for (; j < S.loopBound(n); j += S.length()) {
            FloatVector.fromArray(S, src, from + j).div(d).intoArray(dst, j);
        }
        for (; j < n; j++) {
            dst[j] = src[from + j] / d;
        }
    }

    /** {@code x[from + j] = x[from + j] - (y[j] * s)} for every j of {@code y} (the radial part removed). */
    static void subtractScaled(float[] x, int from, float[] y, float s) {
        int n = y.length;
        int j = 0;
        for (; j < S.loopBound(n); j += S.length()) {
            FloatVector.fromArray(S, x, from + j).sub(FloatVector.fromArray(S, y, j).mul(s)).intoArray(x, from + j);
        }
        for (; j < n; j++) {
            x[from + j] = x[from + j] - y[j] * s;
        }
    }

    /**
     * One block of {@link Reductions#dot} for float32: float products (rounded as the reference rounds
     * them), term k added in double to partial {@code k mod 8}, the partials combined as {@code ((s0 +
     * s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7))}. With 16-lane floats the 8 partials are the lanes
     * of one 8-lane double vector: terms k..k+7 are widened to doubles, multiplied there (exactly:
     * 24-bit significands give at most 48 bits) and rounded once to float, which is the float
     * product's rounding, gradual underflow included, then widened again and added lane-wise, and k
     * advances by 8, so every partial sees its terms in the same order (3.4x faster than scalar code
     * with the partials in locals). The products are formed in doubles because a float multiply
     * whose result is subnormal takes a microcode assist on x86 (the squares of the tiny gradients of
     * rarely lit pixels): 65,536 terms of which a quarter have subnormal squares took 365 us with
     * float products and 15.5 us this way (Intel Xeon model 207, same bits); the conversions take
     * no assist. Widening
     * the upper half instead ({@code convert(F2D, 1)}) fell back to allocating Java code on JDK 17
     * inside the training run (JFR: {@code Float512Vector.slice}, young collections every second).
     * Both vectors are 512 bits, the one shape of this class. The remaining terms, and all of them
     * with narrower vectors, are added one by one.
     */
    static double dot(float[] a, int aFrom, float[] b, int bFrom, int n) {
        double[] s = new double[8];
        int k = 0;
        if (LANE_PARTIALS) {
            DoubleVector partials = DoubleVector.zero(D);
            for (; k + 8 + 16 <= n; k += 8) {
                DoubleVector x = (DoubleVector) FloatVector.fromArray(S, a, aFrom + k).convert(VectorOperators.F2D, 0);
                DoubleVector y = (DoubleVector) FloatVector.fromArray(S, b, bFrom + k).convert(VectorOperators.F2D, 0);
                FloatVector t = (FloatVector) x.mul(y).convert(VectorOperators.D2F, 0);
                partials = partials.add((DoubleVector) t.convert(VectorOperators.F2D, 0));
            }
            partials.intoArray(s, 0);
        }
        for (; k < n; k++) {
            s[k & 7] += a[aFrom + k] * b[bFrom + k];
        }
        return ((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7]));
    }

    /**
     * {@code {dot(g, p), dot(g, g), dot(p, p)}} over one block {@code [from, from + n)}, each with
     * exactly the order of {@link #dot} (AdamP/SGDP's cosine test).
     */
    static double[] cosineSums(float[] g, float[] p, int from, int n) {
        return new double[] {dot(g, from, p, from, n), dot(g, from, g, from, n), dot(p, from, p, from, n)};
    }
}
