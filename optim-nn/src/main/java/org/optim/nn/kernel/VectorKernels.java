package org.optim.nn.kernel;

import java.util.concurrent.atomic.AtomicLong;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.optim.core.Team;
import org.optim.core.Tensor;
import org.optim.nn.Activation;

/**
 * {@link Kernels} on the {@code jdk.incubator.vector} API for float32 tensors (float64 tensors are
 * handed to {@link ScalarKernels}, and so are sigmoid and tanh, whose {@link StrictMath} values
 * keep every JDK on the same bits; relu, identity, bias, masks, column sums and sums of squares
 * are vectorized).
 *
 * <p><b>Products.</b> B' is packed into panels of {@link #NR} = 2 vectors of columns stored row by
 * row ({@code [panel][p][NR]}): copies of B's rows for NN and TN, gathers of one column of 16 rows
 * per vector for NT; the panels start at a cache line of their buffer ({@link CacheLine}), so that
 * no load of B' straddles two lines. A' is packed in blocks of {@link #MR} rows: for TN column by column ({@code
 * [block][p][MR]}, copies of MR values of each row of A: the tile's MR broadcasts per p read one
 * 32-byte run), for NN and NT as the block's rows at the constant stride {@link #ROW_STRIDE}
 * (copies of A's rows: the MR broadcasts per p read one index register plus constant offsets; below
 * {@link #ROWS_MIN_TERMS} terms as {@code [block][p][MR]} too). Where
 * A' is A itself (NN, NT) and the product has at most {@link #IN_PLACE_COLUMNS} columns, A's rows
 * are read in place, or, with several panels and where a {@link Race} found it faster on this
 * machine, each block is packed just before its tiles by the thread that computes them; with two or
 * more groups of {@link #MC} rows per thread (the evaluation's tall products) A's rows are read in
 * place. A wide NT product of few rows (a batch's forward product X W^T) is computed as C^T = W X^T
 * and stored transposed, so that the batch, not the weights, is packed. Edges are zero-padded. A
 * register tile of MR x NR accumulators (8 x 32 with 512-bit vectors) then runs over p, in passes
 * of at most {@link #KC}: per p, two vector loads of B', MR broadcasts of A' and 2 MR independent
 * FMAs. Each accumulator lane is one output's FMA chain in increasing p from +0, exactly the scalar
 * chain of {@link ScalarKernels#gemm} (fma(x, y, z) = fma(y, x, z), so C^T's chains are C's). The
 * team of threads first packs (blocks and panels split by index; a B' of at most {@link
 * #PRIVATE_PANELS} floats whole by every member, into its own panels), meets at a barrier where one
 * member reads what another packed, then splits the output: with few columns and A' read in place,
 * block by block as the threads ask for them ({@link #claim}: even threads from the front, odd ones
 * from the back, so that a thread slowed by the host does less); with at least two groups of MC
 * rows per thread, by (row group, panel) units taken the same way (each thread then computes mostly
 * on the groups it packed, if it packed); else panel by panel taken the same way, each panel packed
 * by the thread that takes it into its one-panel buffer, with all of A' packed by each thread for
 * itself when it is at most PRIVATE_PANELS floats (one thread alone takes its tiles panel by panel,
 * row groups outermost).
 * Every tile is computed whole by one thread, so no thread ever adds another's partial results and
 * no bit depends on which thread computed what. A factor {@link #prepare prepared} once holds B'
 * ready for many products (no packing of B, never computed as C^T). Where such a factor is finite,
 * tall products skip the terms at which all MR rows of a block of A are zero (see {@link Support}:
 * the same bits; the evaluation's first layer on MNIST does 45% of its terms).
 */
final class VectorKernels implements Kernels {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Rows of the register tile. */
    static final int MR = 8;
    /** Columns of the register tile: two vectors. */
    static final int NR = 2 * L;
    /** Rows of A' per cache block in the compute phase (packed A' block of MC x k stays in L2). */
    private static final int MC = 128;
    /**
     * Longest stretch of p per pass over a tile; later passes continue each FMA chain from the
     * stored partial result, so the chain, and its bits, do not change. The paper's products (k =
     * 784 or 128) run in one pass: their B' slices (up to 100 KB) come from L2 while the row
     * blocks stream past, which on AMD Zen 5 beat four passes of 196 with L1-sized slices (NT
     * 128x784x784 -6 to -16%, NN -10 to -20%, NT 4096x784x784 -8 to -11%, 2 threads); on the Intel
     * Xeon of session 4, KC from 128 to 784 were within 5%.
     */
    private static final int KC = 1024;
    /**
     * Stride of the rows of A' packed as rows ({@link #packRows}): a constant, so that the tile's
     * MR broadcasts per p read one index register plus constant offsets ({@link #microPacked}); at
     * least KC, so that a pass's terms fit, and not a multiple of 1024 floats, so that the rows of a
     * block do not compete for one L1 set.
     */
    static final int ROW_STRIDE = KC + 16;
    /**
     * NN and NT products of fewer terms pack A's blocks as {@code [p][MR]} ({@link #packA}) instead
     * of as rows: a block as rows takes MR x ROW_STRIDE floats whatever k (the output layer's
     * backward product, k = 10, would fill 1% of them), and short tiles gain little from it.
     */
    private static final int ROWS_MIN_TERMS = 256;
    /** Products of fewer floating-point operations run on the caller alone. */
    private static final double SOLO_FLOPS = 1 << 22;
    /**
     * Products whose A' = A is read block by block (NN and NT of at most {@link #IN_PLACE_COLUMNS}
     * columns) run on the caller alone below this: their members share no packing (each packs its
     * own few panels), so they pay on the team from fewer operations. The output layer's forward
     * product 128x10x784 (2 MFLOP), 2 threads: 34 instead of 58 us alone, 52-55 instead of 63-75 us
     * in SAM's training (Intel Xeon model 207); TN 10x784x128 and NN 128x784x10, whose members would
     * each pack all of B', took 2.5 times longer on the team.
     */
    private static final double SOLO_FLOPS_NARROW = 1 << 19;
    /** Factors of fewer values are prepared by the caller alone. */
    private static final int SOLO_PACK = 1 << 16;
    /**
     * A product's B' of at most this many floats (512 KB, half a Zen core's L2) is packed whole by
     * every member of the team into its own panels, without a barrier when A' is read in place. A
     * shared B' is read by each member from the others' caches and, at the next product, written
     * back over the copies they hold; packing it twice cost less (AMD Zen 5, 2 threads,
     * alternating: TN 784x784x128, the weight gradient, 462-473 against 512-531 us; NT
     * 128x784x784, the forward product, 511-520 against 521-525). NN 128x784x784, whose B' is W
     * (2.5 MB), got 6% slower that way: there each member packs the panels it takes, one at a time
     * into a buffer of one panel (which stays in cache; the panels at their places in a 2.5 MB
     * array, a member's 1.2 MB of them beside its 1.2 MB of W, did not: 543-558 against 578-592 us
     * on the Intel Xeon model 207, 2 threads), and all of A' for itself when A' is at most this
     * size, so that no member waits for another.
     */
    private static final int PRIVATE_PANELS = 1 << 17;

    /**
     * Products of at most this many columns read A' = A (NN, NT) without packing all of it first:
     * few panels reuse each packed block too little to pay for packing it apart. With one panel
     * they read A's rows in place. With several (the forward product C^T = W X^T has 4) they either
     * read the rows in place or pack each block just before its tiles, on the thread that computes
     * them, whichever the {@link Race} found faster on this machine: on AMD Zen 5 the register tile
     * on rows 784 floats apart ran only 3-7% slower than on packed blocks (sessions 6-9), so
     * packing could only cost there; on the Intel Xeon model 207 it ran 30-45% slower (1 thread,
     * the forward product's shapes, one JVM alternating: 102-120 against 145-183 GFLOP/s; its 8 row
     * indices cost integer instructions beside the FMAs), and packing each block of W made the
     * forward product faster: transposed in registers, 9-11% (p25, alternating: 1 thread 1106
     * against 1243 us, 2 threads 584 against 641); copied as rows ({@link #packRows}), 3-7% more
     * (1 thread 1004 against 1033 us, 2 threads 454 against 474 and 486 against 521). Wider
     * products pack (AMD Zen 5, 2 threads: the output layer's forward 128x10x784 took 42 instead
     * of 68 us), unless they are tall: by row groups, a group's rows come from memory once and
     * from L2 for every further panel, while packing them by gathers stalled on memory and wrote
     * the packed copy back (AMD Zen 5, prepared NT 10000x784x784: 36.2 instead of 39.2 ms on 2
     * threads, 68.3 instead of 76.1 on one; NT 1024x784x784 2-6% faster on 2 threads, NN
     * 1024x784x784 5% slower on one). Read block by block instead, with B' streamed from L3 for
     * every block, NT 1024x784x784 took 5.2 instead of 4.9 ms.
     */
    private static final int IN_PLACE_COLUMNS = 4 * NR;

    /** +0 in every entry of a tile: where a fresh FMA chain starts. */
    private static final float[] ZERO_TILE = new float[MR * NR];

    private final WorkerPool pool;
    /** Blocks of a product whose A' is read in place taken so far: from the front (high half), from the back. */
    private final AtomicLong claimed = new AtomicLong();
    private final ScalarKernels scalar = new ScalarKernels();
    private float[] packA = new float[0];
    private float[] packB = new float[0];
    /**
     * Each member's tile of C^T or of an edge of C, from a cache line ({@link CacheLine}) of its
     * buffer: the register tile stores its 16 vectors there.
     */
    private final float[][] edge;
    /** Each member's own panels of B' (see {@link #PRIVATE_PANELS}), allocated by the member itself. */
    private final float[][] ownPanels;
    /**
     * Each member's own blocks of A' (see {@link #PRIVATE_PANELS}), or the one block it packs at a
     * time (see {@link #IN_PLACE_COLUMNS}), allocated by the member itself.
     */
    private final float[][] ownBlocks;
    private final Support[] supports;
    /**
     * Whether products of few columns and several panels read A's rows in place (way 0) or pack each
     * block of A just before its tiles (way 1): see {@link #IN_PLACE_COLUMNS}.
     */
    private final Race blockByBlock;

    VectorKernels(int threads) {
        this(threads, Race.timed());
    }

    /** {@code blockByBlock}: how products of few columns and several panels read A (see the field). */
    VectorKernels(int threads, Race blockByBlock) {
        this.blockByBlock = blockByBlock;
        this.pool = new WorkerPool(threads);
        this.edge = new float[threads][MR * NR + CacheLine.FLOATS];
        this.ownPanels = new float[threads][0];
        this.ownBlocks = new float[threads][0];
        this.supports = new Support[threads];
        for (int i = 0; i < threads; i++) {
            supports[i] = new Support();
        }
    }

    @Override
    public int threads() {
        return pool.size();
    }

    @Override
    public Team team() {
        return pool;
    }

    @Override
    public String describe() {
        String rows = switch (blockByBlock.winner()) {
            case 0 -> ", few-column products read A's rows in place";
            case 1 -> ", few-column products pack A's blocks";
            default -> "";
        };
        String lines = CacheLine.known() ? "" : ", panels not aligned to cache lines (launch with " + CacheLine.FLAG + ")";
        return "vector " + S.vectorBitSize() + "-bit, " + pool.size() + (pool.size() == 1 ? " thread" : " threads")
                + rows + lines;
    }

    private static float[] f32(Tensor t) {
        return ((Tensor.F32) t).data();
    }

    private static boolean isF32(Tensor t) {
        return t instanceof Tensor.F32;
    }

    @Override
    public void gemm(Layout layout, int m, int n, int k, Tensor a, Tensor b, Tensor c) {
        if (!isF32(c)) {
            scalar.gemm(layout, m, n, k, a, b, c);
            return;
        }
        product(layout, m, n, k, f32(a), f32(b), f32(c), null, null, 0, false);
    }

    /**
     * Relu and identity (float32) are applied to each tile of C by the product's last pass over k,
     * while the tile is in cache and on the thread that computed it; the rest as the default.
     */
    @Override
    public void gemmBiasActivation(Layout layout, int m, int n, int k, Tensor a, Tensor b, Tensor c, Tensor bias,
                                   Activation f) {
        if (!isF32(c) || (f != Activation.RELU && f != Activation.LINEAR) || k == 0) {
            Kernels.super.gemmBiasActivation(layout, m, n, k, a, b, c, bias, f);
            return;
        }
        product(layout, m, n, k, f32(a), f32(b), f32(c), Epilogue.of(bias, f, n), null, 0, false);
    }

    /**
     * Float32 factors are packed into B' panels by the team, as a product would pack them, into the
     * reused factor's panels when they are large enough (a fresh 2.4 MB array per evaluation cost
     * more in page faults than the packing saved).
     */
    @Override
    public Factor prepare(Layout layout, int n, int k, Tensor b, Factor reuse) {
        if (!isF32(b) || k == 0) {
            return Kernels.super.prepare(layout, n, k, b, reuse);
        }
        int panels = (n + NR - 1) / NR;
        int floats = panels * k * NR + CacheLine.FLOATS;
        float[] pb = reuse != null && reuse.panels() != null && reuse.panels().length >= floats
                ? reuse.panels() : new float[floats];
        int from = CacheLine.firstStart(pb);
        float[] bv = f32(b);
        int[] rowsApart = rowsApart(k);
        int size = n * k < SOLO_PACK ? 1 : pool.size();
        onTeam(size, (member, team) -> packPanels(layout, bv, n, k, member, size, pb, from, rowsApart));
        return new Factor(layout, n, k, b, pb, from, allFinite(pb, from, panels * k * NR));
    }

    /** Whether the {@code count} entries of {@code x} from {@code from} are all finite (no infinity, no NaN). */
    private static boolean allFinite(float[] x, int from, int count) {
        // x - x is +0 for finite x and NaN for infinities and NaN. A plain loop: it runs once per
        // evaluation, too rarely for C2 to compile Vector API code early (the interpreter runs that
        // hundreds of times slower).
        for (int i = from; i < from + count; i++) {
            if (x[i] - x[i] != 0f) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void gemmBiasActivation(Factor b, int m, Tensor a, Tensor c, Tensor bias, Activation f) {
        if (b.panels() == null || !isF32(c) || (f != Activation.RELU && f != Activation.LINEAR)) {
            Kernels.super.gemmBiasActivation(b, m, a, c, bias, f);
            return;
        }
        product(b.layout(), m, b.n(), b.k(), f32(a), f32(b.b()), f32(c), Epilogue.of(bias, f, b.n()), b.panels(),
                b.panelsFrom(), b.finite());
    }

    /**
     * What a product's last pass applies to each finished tile of C: {@code c = max(c + bias, floor)}
     * with floor 0 for relu and -infinity for the identity (which keeps every value, NaN and -0
     * included), without a branch between vectors; {@link #biasActivation} applies it row by row.
     * Without a bias, relu adds +0, which changes no result of the max.
     */
    private record Epilogue(float[] bias, float floor) {
        /** The epilogue of relu or the identity over {@code cols} columns; null for the identity without a bias. */
        static Epilogue of(Tensor bias, Activation f, int cols) {
            if (bias == null && f == Activation.LINEAR) {
                return null;
            }
            return new Epilogue(bias == null ? new float[cols] : f32(bias),
                    f == Activation.RELU ? 0f : Float.NEGATIVE_INFINITY);
        }

        /**
         * Whether +0 and -0 in C give the same result: under relu, and with a bias none of whose
         * entries is -0 (-0 + b = +0 + b for every other b, -0 + -0 = -0 but +0 + -0 = +0).
         */
        boolean erasesSignOfZero() {
            if (floor == 0f) {
                return true;
            }
            for (float b : bias) {
                if (Float.floatToRawIntBits(b) == Integer.MIN_VALUE) {
                    return false;
                }
            }
            return true;
        }

        /** {@code z[at + j] = max(z[at + j] + bias[biasAt + j], floor)} for {@code j < cols}. */
        void apply(float[] z, int at, int biasAt, int cols) {
            int j = 0;
            for (; j < S.loopBound(cols); j += L) {
                FloatVector.fromArray(S, z, at + j).add(FloatVector.fromArray(S, bias, biasAt + j)).max(floor)
                        .intoArray(z, at + j);
            }
            for (; j < cols; j++) {
                z[at + j] = Math.max(z[at + j] + bias[biasAt + j], floor);
            }
        }

        /**
         * For a tile of C^T ({@code rows} rows of NR in {@code tile} from {@code at}, row r belonging to
         * column {@code biasAt + r} of C): {@code tile[r][j] = max(tile[r][j] + bias[biasAt + r], floor)}.
         */
        void applyPerRow(float[] tile, int at, int rows, int biasAt) {
            for (int r = 0; r < rows; r++) {
                FloatVector b = FloatVector.broadcast(S, bias[biasAt + r]);
                for (int j = 0; j < NR; j += L) {
                    FloatVector.fromArray(S, tile, at + r * NR + j).add(b).max(floor).intoArray(tile, at + r * NR + j);
                }
            }
        }
    }

    /**
     * C = A' B' with the epilogue, if any; {@code prepared}: B' already packed into panels from
     * {@code preparedFrom}, or null; {@code finite}: whether all of the prepared B' is finite.
     */
    private synchronized void product(Layout layout, int m, int n, int k, float[] av, float[] bv, float[] cv,
                                      Epilogue epilogue, float[] prepared, int preparedFrom, boolean finite) {
        if (k == 0) {
            java.util.Arrays.fill(cv, 0, m * n, 0f);
            return;
        }
        if (layout == Layout.NT && n > m && m <= IN_PLACE_COLUMNS && prepared == null) {
            // A wide A B^T of few rows (a training batch's forward product): computed as C^T = B A^T,
            // with B read in place and only the smaller A transposed into panels.
            run(Layout.NT, n, m, k, bv, av, cv, true, epilogue, null, 0, false);
        } else {
            run(layout, m, n, k, av, bv, cv, false, epilogue, prepared, preparedFrom, finite);
        }
    }

    /**
     * C = A' B' (m x n) on the team, stored as C, or as C^T ({@code cv[j m + i]}) when {@code
     * transposed}; the epilogue's bias is then indexed by C's rows. {@code finite}: B' has no
     * infinity or NaN.
     */
    private void run(Layout layout, int m, int n, int k, float[] av, float[] bv, float[] cv, boolean transposed,
                     Epilogue epilogue, float[] prepared, int preparedFrom, boolean finite) {
        int blocks = (m + MR - 1) / MR;
        int panels = (n + NR - 1) / NR;
        boolean fewColumns = n <= IN_PLACE_COLUMNS;
        boolean narrow = layout != Layout.TN && fewColumns;
        int size = 2.0 * m * n * k < (narrow ? SOLO_FLOPS_NARROW : SOLO_FLOPS) ? 1 : pool.size();
        // Tall products (two or more row groups of MC per member: the evaluation, the weight
        // gradient) are computed by (row group, panel) units, each member taking units from its end.
        int groups = (blocks + MC / MR - 1) / (MC / MR);
        boolean byGroup = groups >= 2 * size;
        boolean inPlace = narrow || (layout != Layout.TN && byGroup);
        // With few columns but more than one panel (a batch's forward product C^T = W X^T: 4 panels),
        // each block of A is packed just before its tiles, by the member that computes them, where
        // that is the faster way on this machine (see IN_PLACE_COLUMNS).
        boolean raced = inPlace && fewColumns && panels > 1;
        int way = raced ? blockByBlock.next() : 0;
        boolean packBlocks = way == 1;
        boolean rowsInPlace = inPlace && !packBlocks;
        // Tall products of more than a few columns skip the terms whose A' values are all zero in a
        // block's rows (see Support; with few columns the scan would cost what it saves).
        boolean skipZeros = byGroup && inPlace && !fewColumns && finite && epilogue != null
                && epilogue.erasesSignOfZero();
        boolean privatePanels = prepared == null && size > 1 && panels * k * NR <= PRIVATE_PANELS;
        // The rest of the products on a team: each member packs the panels it takes, as it takes
        // them, into its buffer of one panel, and all of A' for itself when that is small.
        boolean panelsTaken = size > 1 && !byGroup && !(inPlace && fewColumns);
        boolean panelsOnClaim = panelsTaken && prepared == null && !privatePanels;
        boolean privateA = panelsTaken && !inPlace && blocks * k * MR <= PRIVATE_PANELS;
        int chunks = (k + KC - 1) / KC;
        boolean rowsPacked = layout != Layout.TN && k >= ROWS_MIN_TERMS;
        int blockFloats = rowsPacked ? chunks * MR * ROW_STRIDE : k * MR;
        int packed = inPlace ? MR * k : blocks * blockFloats;
        if (!privateA && packA.length < packed) {
            packA = new float[packed];
        }
        boolean sharedPanels = prepared == null && !privatePanels && !panelsOnClaim;
        if (sharedPanels && packB.length < panels * k * NR + CacheLine.FLOATS) {
            packB = new float[panels * k * NR + CacheLine.FLOATS];
        }
        float[] shared = prepared == null ? packB : prepared;
        int sharedFrom = prepared != null ? preparedFrom : sharedPanels ? CacheLine.firstStart(packB) : 0;
        // Members wait for each other's packing only where they read it: panels packed by shares,
        // A' packed by shares, or the last partial block of A copied into packA.
        boolean barrier = size > 1 && (sharedPanels || (!inPlace && !privateA) || (rowsInPlace && m % MR != 0));
        int[] rowsApart = rowsApart(k);
        claimed.set(0);
        WorkerPool.Job job = (member, team) -> {
            float[] pa = packA;
            if (privateA) {
                if (ownBlocks[member].length < blocks * blockFloats) {
                    ownBlocks[member] = new float[blocks * blockFloats];
                }
                pa = ownBlocks[member];
                for (int blk = 0; blk < blocks; blk++) {
                    packBlock(layout, rowsPacked, av, m, k, chunks, blk, pa, blk * blockFloats);
                }
            } else if (!inPlace) {
                // By groups, each member packs its share of the groups and computes mostly on them.
                int from = byGroup ? share(groups, member, size) * (MC / MR) : share(blocks, member, size);
                int to = byGroup ? Math.min(blocks, share(groups, member + 1, size) * (MC / MR))
                        : share(blocks, member + 1, size);
                for (int blk = from; blk < to; blk++) {
                    packBlock(layout, rowsPacked, av, m, k, chunks, blk, pa, blk * blockFloats);
                }
            } else if (packBlocks) {
                if (ownBlocks[member].length < blockFloats) {
                    ownBlocks[member] = new float[blockFloats];
                }
                pa = ownBlocks[member];
            } else if (m % MR != 0 && member == size - 1) {
                packEdgeRows(av, m, k, pa);
            }
            float[] pb = panelsOnClaim ? ownPanels(member, k * NR) : privatePanels ? ownPanels(member, panels * k * NR)
                    : shared;
            // Each member's own panels start at a cache line of its buffer, wherever the heap has put it.
            int pbFrom = pb == shared ? sharedFrom : CacheLine.firstStart(pb);
            if (privatePanels) {
                packPanels(layout, bv, n, k, 0, 1, pb, pbFrom, rowsApart);
            } else if (sharedPanels) {
                packPanels(layout, bv, n, k, member, size, pb, pbFrom, rowsApart);
            }
            if (barrier) {
                team.barrier();
            }
            Support support = skipZeros ? supports[member].reset(k) : null;
            Tile tile = new Tile(rowsInPlace, rowsPacked, packBlocks, panelsOnClaim, av, pa, pb, pbFrom, k, chunks, cv,
                    m, n, transposed, edge[member], CacheLine.firstStart(edge[member]), epilogue, support);
            if (inPlace && fewColumns) {
                // Block by block, all panels of a block in turn (its rows, or its packed copy, stay in
                // L1); even members take blocks from the front, odd ones from the back, until they meet.
                for (int blk = claim(blocks, member % 2 == 0); blk >= 0; blk = claim(blocks, member % 2 == 0)) {
                    if (packBlocks) {
                        packBlock(layout, rowsPacked, av, m, k, chunks, blk, pa, 0);
                    }
                    for (int pan = 0; pan < panels; pan++) {
                        for (int ch = 0; ch < chunks; ch++) {
                            tile.advance(blk, pan, ch);
                        }
                    }
                }
                return;
            }
            if (byGroup) {
                // Units of one row group and one panel, group by group: even members from the front,
                // odd ones from the back, so each computes mostly on the groups it packed. A's rows
                // read in place come from memory with the group's first panel and from L2 after it.
                for (int u = claim(groups * panels, member % 2 == 0); u >= 0; u = claim(groups * panels, member % 2 == 0)) {
                    int b0 = u / panels * (MC / MR);
                    if (support != null) {
                        support.of(b0, Math.min(blocks, b0 + MC / MR), av, pa, m, k);
                    }
                    for (int ch = 0; ch < chunks; ch++) {
                        for (int blk = b0; blk < Math.min(blocks, b0 + MC / MR); blk++) {
                            tile.advance(blk, u % panels, ch);
                        }
                    }
                }
                return;
            }
            if (panelsTaken) {
                // Panel by panel, packed by the member that takes it: even members from the front,
                // odd ones from the back; all row groups of a panel in turn.
                for (int pan = claim(panels, member % 2 == 0); pan >= 0; pan = claim(panels, member % 2 == 0)) {
                    if (panelsOnClaim) {
                        packB(layout, bv, n, k, pan, pb, pbFrom, rowsApart);
                    }
                    for (int b0 = 0; b0 < blocks; b0 += MC / MR) {
                        for (int ch = 0; ch < chunks; ch++) {
                            for (int blk = b0; blk < Math.min(blocks, b0 + MC / MR); blk++) {
                                tile.advance(blk, pan, ch);
                            }
                        }
                    }
                }
                return;
            }
            // Alone: panel by panel, groups of MC rows outermost (a group's C tiles stay in L2
            // across the passes over k).
            for (int b0 = 0; b0 < blocks; b0 += MC / MR) {
                int b1 = Math.min(blocks, b0 + MC / MR);
                for (int ch = 0; ch < chunks; ch++) {
                    for (int pan = 0; pan < panels; pan++) {
                        for (int blk = b0; blk < b1; blk++) {
                            tile.advance(blk, pan, ch);
                        }
                    }
                }
            }
        };
        boolean timed = raced && blockByBlock.winner() < 0;
        long start = timed ? System.nanoTime() : 0;
        onTeam(size, job);
        if (timed) {
            blockByBlock.record(way, System.nanoTime() - start);
        }
    }

    /**
     * Member {@code member}'s own buffer of panels, grown to hold {@code floats} from a cache line
     * (allocated by the member itself, which then mostly keeps it in its caches).
     */
    private float[] ownPanels(int member, int floats) {
        if (ownPanels[member].length < floats + CacheLine.FLOATS) {
            ownPanels[member] = new float[floats + CacheLine.FLOATS];
        }
        return ownPanels[member];
    }

    /** Runs {@code job} on the caller alone ({@code size} 1) or on the whole team. */
    private void onTeam(int size, WorkerPool.Job job) {
        if (size == 1) {
            job.run(0, pool);
        } else {
            pool.run(job);
        }
    }

    /**
     * The next of {@code count} units not yet taken, from the front or from the back, or -1 when
     * all are taken ({@link #claimed} holds the numbers taken from the front and from the back).
     * Two members taking from opposite ends share only the units where they meet (and the cache
     * lines of C there), wherever a slower member makes that; fixed shares waited for the slower
     * one (on Zen 5 one vCPU often ran 30% slower than the other for minutes). 2 threads,
     * alternating: NT 128x784x784 552-574 against 625-637 us, TN 784x784x128 572-575 against
     * 586-597, NT 1024x784x784 4068-4540 against 4076-4873. Units handed out in one order to
     * whichever member asks (no ends) interleaved the members' C^T columns on shared lines and lost
     * up to 7%.
     */
    private int claim(int count, boolean fromFront) {
        while (true) {
            long taken = claimed.get();
            int front = (int) (taken >>> 32);
            int back = (int) taken;
            if (front + back >= count) {
                return -1;
            }
            if (claimed.compareAndSet(taken, fromFront ? taken + (1L << 32) : taken + 1)) {
                return fromFront ? front : count - 1 - back;
            }
        }
    }

    /** Start of member {@code i}'s share of {@code count} items among {@code size} members. */
    private static int share(int count, int i, int size) {
        return (int) ((long) count * i / size);
    }

    /**
     * Packs row block {@code blk} of A' (rows {@code MR blk} to {@code MR blk + MR - 1}, zero beyond
     * m) as {@code [p][MR]} from {@code pa[base]}: for TN per p a copy of MR consecutive values of
     * row p of A, for NN and NT (short k only, see {@link #ROWS_MIN_TERMS}) one value of each of MR
     * rows of A.
     */
    private static void packA(Layout layout, float[] a, int m, int k, int blk, float[] pa, int base) {
        int i0 = blk * MR;
        int rows = Math.min(MR, m - i0);
        if (layout != Layout.TN) {
            for (int p = 0; p < k; p++) {
                int d = base + p * MR;
                for (int r = 0; r < MR; r++) {
                    pa[d + r] = r < rows ? a[(i0 + r) * k + p] : 0f;
                }
            }
        } else if (rows == MR) {
            for (int p = 0; p < k; p++) {
                int s = p * m + i0;
                int d = base + p * MR;
                pa[d] = a[s];
                pa[d + 1] = a[s + 1];
                pa[d + 2] = a[s + 2];
                pa[d + 3] = a[s + 3];
                pa[d + 4] = a[s + 4];
                pa[d + 5] = a[s + 5];
                pa[d + 6] = a[s + 6];
                pa[d + 7] = a[s + 7];
            }
        } else {
            for (int p = 0; p < k; p++) {
                int d = base + p * MR;
                for (int r = 0; r < rows; r++) {
                    pa[d + r] = a[p * m + i0 + r];
                }
                for (int r = rows; r < MR; r++) {
                    pa[d + r] = 0f;
                }
            }
        }
    }

    /** Packs row block {@code blk} of A' from {@code pa[base]}: as rows if {@code asRows}, else by {@link #packA}. */
    private static void packBlock(Layout layout, boolean asRows, float[] a, int m, int k, int chunks, int blk,
                                  float[] pa, int base) {
        if (asRows) {
            packRows(a, m, k, chunks, blk, pa, base);
        } else {
            packA(layout, a, m, k, blk, pa, base);
        }
    }

    /**
     * Packs row block {@code blk} of A' = A (NN, NT) as its MR rows at the stride {@link
     * #ROW_STRIDE}, one group of rows per pass over k: the terms {@code p0 <= p < p1} of pass ch
     * of row r at {@code pa[base + (ch MR + r) ROW_STRIDE + p - p0]}, rows beyond m zero. Copies of
     * A's rows, where the packed layout {@code [p][MR]} needed a transposition in registers (0.13
     * against 0.24 ns per value for the 784 x 784 weights on one thread, Intel Xeon model 207).
     */
    private static void packRows(float[] a, int m, int k, int chunks, int blk, float[] pa, int base) {
        int i0 = blk * MR;
        int rows = Math.min(MR, m - i0);
        for (int ch = 0; ch < chunks; ch++) {
            int p0 = share(k, ch, chunks);
            int terms = share(k, ch + 1, chunks) - p0;
            int at = base + ch * MR * ROW_STRIDE;
            for (int r = 0; r < rows; r++) {
                System.arraycopy(a, (i0 + r) * k + p0, pa, at + r * ROW_STRIDE, terms);
            }
            for (int r = rows; r < MR; r++) {
                java.util.Arrays.fill(pa, at + r * ROW_STRIDE, at + r * ROW_STRIDE + terms, 0f);
            }
        }
    }

    /**
     * Copies the last, partial block of A' = A (NN, NT: the rows from {@code m - m % MR}) into
     * {@code pa} as MR rows of k, zero beyond m; the full blocks are read in place.
     */
    private static void packEdgeRows(float[] a, int m, int k, float[] pa) {
        int rows = m % MR;
        System.arraycopy(a, (m - rows) * k, pa, 0, rows * k);
        java.util.Arrays.fill(pa, rows * k, MR * k, 0f);
    }

    /**
     * Packs member {@code member}'s share (of {@code size}) of the column panels of B', panel 0 from
     * {@code pb[from]}.
     */
    private static void packPanels(Layout layout, float[] b, int n, int k, int member, int size, float[] pb,
                                   int from, int[] rowsApart) {
        int panels = (n + NR - 1) / NR;
        for (int pan = share(panels, member, size); pan < share(panels, member + 1, size); pan++) {
            packB(layout, b, n, k, pan, pb, from + pan * k * NR, rowsApart);
        }
    }

    /**
     * Packs column panel {@code pan} of B' ({@code [p][NR]}, zero beyond n) from {@code pb[base]}:
     * copies of B's rows for NN and TN; for NT, per p one value from each of the panel's rows of B
     * (two gathers when full).
     */
    private static void packB(Layout layout, float[] b, int n, int k, int pan, float[] pb, int base,
                              int[] rowsApart) {
        int j0 = pan * NR;
        int cols = Math.min(NR, n - j0);
        if (layout == Layout.NT && cols == NR) {
            // A full panel of B^T: per p, gather one value from each of the NR rows of B.
            int src0 = j0 * k;
            int src1 = (j0 + L) * k;
            for (int p = 0; p < k; p++) {
                FloatVector.fromArray(S, b, src0 + p, rowsApart, 0).intoArray(pb, base + p * NR);
                FloatVector.fromArray(S, b, src1 + p, rowsApart, 0).intoArray(pb, base + p * NR + L);
            }
        } else if (layout == Layout.NT) {
            // p outer: the source rows are read in step (they stay in L1), the panel is written in order.
            for (int p = 0; p < k; p++) {
                int dst = base + p * NR;
                for (int jj = 0; jj < cols; jj++) {
                    pb[dst + jj] = b[(j0 + jj) * k + p];
                }
                for (int jj = cols; jj < NR; jj++) {
                    pb[dst + jj] = 0f;
                }
            }
        } else if (cols == NR) {
            for (int p = 0; p < k; p++) {
                FloatVector.fromArray(S, b, p * n + j0).intoArray(pb, base + p * NR);
                FloatVector.fromArray(S, b, p * n + j0 + L).intoArray(pb, base + p * NR + L);
            }
        } else {
            for (int p = 0; p < k; p++) {
                System.arraycopy(b, p * n + j0, pb, base + p * NR, cols);
                for (int jj = cols; jj < NR; jj++) {
                    pb[base + p * NR + jj] = 0f;
                }
            }
        }
    }

    /** Offsets of a gather that reads one column of L rows of a row-major matrix with k columns. */
    private static int[] rowsApart(int k) {
        int[] offsets = new int[L];
        for (int l = 0; l < L; l++) {
            offsets[l] = l * k;
        }
        return offsets;
    }

    /**
     * One member's view of a product's operands, advancing one MR x NR tile of C at a time. A' is
     * read in place by rows where {@code rowsInPlace} (A itself, NN and NT), its last partial block
     * from {@code pa}; else from the packed blocks in {@code pa} (as rows where {@code rowsPacked},
     * see {@link #packBlock}), or from the one block packed at {@code pa[0]} where {@code
     * blockByBlock}. B' is read from its panels in {@code pb} from {@code pb[pbFrom]}, or from the
     * one panel packed there where {@code panelByPanel}.
     */
    private record Tile(boolean rowsInPlace, boolean rowsPacked, boolean blockByBlock, boolean panelByPanel,
                        float[] a, float[] pa, float[] pb, int pbFrom, int k, int chunks, float[] c, int m, int n,
                        boolean transposed, float[] tmp, int tmpFrom, Epilogue epilogue, Support support) {
        /** Where panel {@code pan} of B' starts in {@code pb}. */
        private int panelAt(int pan) {
            return pbFrom + (panelByPanel ? 0 : pan * k * NR);
        }

        /**
         * Advances the tile at row block {@code blk} and column panel {@code pan} over pass {@code
         * ch}'s terms {@code p0 <= p < p1} (from +0 when {@code p0 == 0}, else from the partial sums
         * stored in C), and applies the epilogue, if any, after the last pass.
         */
        void advance(int blk, int pan, int ch) {
            int p0 = share(k, ch, chunks);
            int p1 = share(k, ch + 1, chunks);
            int i0 = blk * MR;
            int j0 = pan * NR;
            int rows = Math.min(MR, m - i0);
            int cols = Math.min(NR, n - j0);
            boolean resume = p0 > 0;
            // One call of the register tile, on C itself or, at the edges and for C^T, on tmp (C2 then
            // compiles one copy of it).
            boolean inside = rows == MR && cols == NR && !transposed;
            float[] target = inside ? c : tmp;
            int at = inside ? i0 * n + j0 : tmpFrom;
            int ld = inside ? n : NR;
            if (resume && !inside) {
                for (int r = 0; r < rows; r++) {
                    for (int jj = 0; jj < cols; jj++) {
                        tmp[tmpFrom + r * NR + jj] = c[transposed ? (j0 + jj) * m + i0 + r : (i0 + r) * n + j0 + jj];
                    }
                }
            }
            float[] from = resume ? target : ZERO_TILE;
            int fo = resume ? at : 0;
            int fl = resume ? ld : NR;
            if (support != null) {
                // Only the terms from p0 to p1 of the block's support, its values packed per term.
                microTerms(support.packed(), pb, panelAt(pan), support.terms(), support.indexOf(blk, p0),
                        support.indexOf(blk, p1), from, fo, fl, target, at, ld);
            } else if (rowsPacked && !rowsInPlace) {
                microPacked(pa, ((blockByBlock ? 0 : blk * chunks) + ch) * MR * ROW_STRIDE, pb, panelAt(pan) + p0 * NR,
                        p1 - p0, from, fo, fl, target, at, ld);
            } else if (!rowsInPlace) {
                micro(pa, (blockByBlock ? 0 : blk * k * MR) + p0 * MR, pb, panelAt(pan) + p0 * NR, p1 - p0, from, fo,
                        fl, target, at, ld);
            } else if (rows == MR) {
                microRows(a, i0 * k + p0, k, pb, panelAt(pan) + p0 * NR, p1 - p0, from, fo, fl, target, at, ld);
            } else {
                microRows(pa, p0, k, pb, panelAt(pan) + p0 * NR, p1 - p0, from, fo, fl, target, at, ld);
            }
            boolean last = p1 == k;
            if (transposed) {
                if (last && epilogue != null) {
                    epilogue.applyPerRow(tmp, tmpFrom, rows, i0);
                }
                for (int jj = 0; jj < cols; jj++) {
                    for (int r = 0; r < rows; r++) {
                        c[(j0 + jj) * m + i0 + r] = tmp[tmpFrom + r * NR + jj];
                    }
                }
                return;
            }
            if (!inside) {
                for (int r = 0; r < rows; r++) {
                    System.arraycopy(tmp, tmpFrom + r * NR, c, (i0 + r) * n + j0, cols);
                }
            }
            if (epilogue != null && last) {
                for (int r = 0; r < rows; r++) {
                    epilogue.apply(c, (i0 + r) * n + j0, j0, cols);
                }
            }
        }
    }

    /**
     * One member's supports of the blocks of one row group of A (read in place): for each block of
     * MR rows, the terms p at which some row of the block is not zero, in increasing order. Where
     * B' is finite, a skipped term adds exactly nothing to a chain, fma(±0, b, c) = c, except that
     * a chain at -0 (a product that underflowed to -0, then only zeros) may stay -0 where the full
     * chain turns +0: the chains are equal or both zero at every step, so the results differ at
     * most in the sign of a zero. Zeros are skipped only under an epilogue that erases that sign
     * (relu, or a bias without -0: see {@link Epilogue#erasesSignOfZero}), so every bit is that of
     * the full product. The evaluation's first layer gains most: pixels outside a digit are zero,
     * and of the 784 terms of a block of 8 MNIST test images 45% are not (Fashion-MNIST: 87%).
     * The block's values at its terms are copied out as A' packed [term][MR], read by {@link
     * #microTerms} at consecutive indices (10-12% faster than reading A's rows at the terms).
     */
    private static final class Support {
        private final int[] starts = new int[MC / MR + 1];
        private int[] terms = new int[0];
        /** Per term, the block's MR values of A at it: A' packed as [term][MR]. */
        private float[] packed = new float[0];
        private float[] any = new float[0];
        private int first = -1;

        /** Forgets the supports of an earlier product; terms of k per block. */
        Support reset(int k) {
            first = -1;
            if (terms.length < (MC / MR) * k) {
                terms = new int[(MC / MR) * k];
                packed = new float[(MC / MR) * k * MR];
                any = new float[k];
            }
            return this;
        }

        /**
         * The supports of blocks {@code b0} to {@code b1 - 1} of A (rows in place in {@code a}, the
         * last partial block in {@code pa}, zero-padded), unless they are those held.
         */
        void of(int b0, int b1, float[] a, float[] pa, int m, int k) {
            if (b0 == first) {
                return;
            }
            first = b0;
            int t = 0;
            for (int blk = b0; blk < b1; blk++) {
                starts[blk - b0] = t;
                boolean full = (blk + 1) * MR <= m;
                float[] rows = full ? a : pa;
                int o = full ? blk * MR * k : 0;
                // |a0| + ... + |a7| is zero exactly when all eight are (NaN and infinities are kept).
                // Plain loops, which C2 vectorizes: Vector API code runs hundreds of times slower
                // until C2 compiles it, and the first evaluation would wait for that.
                System.arraycopy(rows, o, any, 0, k);
                for (int p = 0; p < k; p++) {
                    any[p] = Math.abs(any[p]);
                }
                for (int r = 1; r < MR; r++) {
                    for (int p = 0; p < k; p++) {
                        any[p] += Math.abs(rows[o + r * k + p]);
                    }
                }
                // Without a branch: each p is written, and kept by advancing past it if not zero.
                int t0 = t;
                for (int p = 0; p < k; p++) {
                    terms[t] = p;
                    t += any[p] != 0f ? 1 : 0;
                }
                for (int u = t0; u < t; u++) {
                    int q = o + terms[u];
                    int d = u * MR;
                    packed[d] = rows[q];
                    packed[d + 1] = rows[q + k];
                    packed[d + 2] = rows[q + 2 * k];
                    packed[d + 3] = rows[q + 3 * k];
                    packed[d + 4] = rows[q + 4 * k];
                    packed[d + 5] = rows[q + 5 * k];
                    packed[d + 6] = rows[q + 6 * k];
                    packed[d + 7] = rows[q + 7 * k];
                }
            }
            starts[b1 - b0] = t;
        }

        int[] terms() {
            return terms;
        }

        float[] packed() {
            return packed;
        }

        /** The index in {@link #terms} of block {@code blk}'s first term at or after {@code p}. */
        int indexOf(int blk, int p) {
            int lo = starts[blk - first];
            int hi = starts[blk - first + 1];
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (terms[mid] < p) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }
    }

    /**
     * The register tile: {@code c[r][j] = fma(pa[p][r], pb[p][j], c[r][j])} for p in order (row r of
     * the block at {@code pa[ao + MR p + r]}), from the
     * values in {@code from} (at {@code fo}, row stride {@code fl}: the partial sums in C, or
     * {@link #ZERO_TILE} for a chain that starts at +0) into {@code c}. The start is chosen by array
     * and offset, not by a conditional vector: C2 on JDK 17 boxed vectors merged from two branches.
     */
    private static void micro(float[] pa, int ao, float[] pb, int bo, int k, float[] from, int fo, int fl, float[] c,
                              int co, int ldc) {
        FloatVector c00 = FloatVector.fromArray(S, from, fo);
        FloatVector c01 = FloatVector.fromArray(S, from, fo + L);
        FloatVector c10 = FloatVector.fromArray(S, from, fo + fl);
        FloatVector c11 = FloatVector.fromArray(S, from, fo + fl + L);
        FloatVector c20 = FloatVector.fromArray(S, from, fo + 2 * fl);
        FloatVector c21 = FloatVector.fromArray(S, from, fo + 2 * fl + L);
        FloatVector c30 = FloatVector.fromArray(S, from, fo + 3 * fl);
        FloatVector c31 = FloatVector.fromArray(S, from, fo + 3 * fl + L);
        FloatVector c40 = FloatVector.fromArray(S, from, fo + 4 * fl);
        FloatVector c41 = FloatVector.fromArray(S, from, fo + 4 * fl + L);
        FloatVector c50 = FloatVector.fromArray(S, from, fo + 5 * fl);
        FloatVector c51 = FloatVector.fromArray(S, from, fo + 5 * fl + L);
        FloatVector c60 = FloatVector.fromArray(S, from, fo + 6 * fl);
        FloatVector c61 = FloatVector.fromArray(S, from, fo + 6 * fl + L);
        FloatVector c70 = FloatVector.fromArray(S, from, fo + 7 * fl);
        FloatVector c71 = FloatVector.fromArray(S, from, fo + 7 * fl + L);
        for (int p = 0; p < k; p++) {
            int bi = bo + p * NR;
            int ai = ao + p * MR;
            FloatVector b0 = FloatVector.fromArray(S, pb, bi);
            FloatVector b1 = FloatVector.fromArray(S, pb, bi + L);
            FloatVector a = FloatVector.broadcast(S, pa[ai]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(S, pa[ai + 1]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(S, pa[ai + 2]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(S, pa[ai + 3]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
            a = FloatVector.broadcast(S, pa[ai + 4]);
            c40 = a.fma(b0, c40);
            c41 = a.fma(b1, c41);
            a = FloatVector.broadcast(S, pa[ai + 5]);
            c50 = a.fma(b0, c50);
            c51 = a.fma(b1, c51);
            a = FloatVector.broadcast(S, pa[ai + 6]);
            c60 = a.fma(b0, c60);
            c61 = a.fma(b1, c61);
            a = FloatVector.broadcast(S, pa[ai + 7]);
            c70 = a.fma(b0, c70);
            c71 = a.fma(b1, c71);
        }
        c00.intoArray(c, co);
        c01.intoArray(c, co + L);
        c10.intoArray(c, co + ldc);
        c11.intoArray(c, co + ldc + L);
        c20.intoArray(c, co + 2 * ldc);
        c21.intoArray(c, co + 2 * ldc + L);
        c30.intoArray(c, co + 3 * ldc);
        c31.intoArray(c, co + 3 * ldc + L);
        c40.intoArray(c, co + 4 * ldc);
        c41.intoArray(c, co + 4 * ldc + L);
        c50.intoArray(c, co + 5 * ldc);
        c51.intoArray(c, co + 5 * ldc + L);
        c60.intoArray(c, co + 6 * ldc);
        c61.intoArray(c, co + 6 * ldc + L);
        c70.intoArray(c, co + 7 * ldc);
        c71.intoArray(c, co + 7 * ldc + L);
    }

    /**
     * {@link #micro} with row r of the block at {@code pa[ao + r ROW_STRIDE + p]} ({@link
     * #packRows}): one index register for the MR broadcasts, the rows' offsets being constants. A
     * copy, not one method with the strides as arguments: strides unknown to C2 cost a register
     * and an add per row and p, as in {@link #microRows} (30-45% slower than this tile on the
     * Intel Xeon model 207). TN keeps the layout {@code [p][MR]}: its blocks packed as rows
     * made the weight gradient 784x784x128 5-9% slower (1 and 2 threads).
     */
    private static void microPacked(float[] pa, int ao, float[] pb, int bo, int k, float[] from, int fo, int fl,
                                    float[] c, int co, int ldc) {
        FloatVector c00 = FloatVector.fromArray(S, from, fo);
        FloatVector c01 = FloatVector.fromArray(S, from, fo + L);
        FloatVector c10 = FloatVector.fromArray(S, from, fo + fl);
        FloatVector c11 = FloatVector.fromArray(S, from, fo + fl + L);
        FloatVector c20 = FloatVector.fromArray(S, from, fo + 2 * fl);
        FloatVector c21 = FloatVector.fromArray(S, from, fo + 2 * fl + L);
        FloatVector c30 = FloatVector.fromArray(S, from, fo + 3 * fl);
        FloatVector c31 = FloatVector.fromArray(S, from, fo + 3 * fl + L);
        FloatVector c40 = FloatVector.fromArray(S, from, fo + 4 * fl);
        FloatVector c41 = FloatVector.fromArray(S, from, fo + 4 * fl + L);
        FloatVector c50 = FloatVector.fromArray(S, from, fo + 5 * fl);
        FloatVector c51 = FloatVector.fromArray(S, from, fo + 5 * fl + L);
        FloatVector c60 = FloatVector.fromArray(S, from, fo + 6 * fl);
        FloatVector c61 = FloatVector.fromArray(S, from, fo + 6 * fl + L);
        FloatVector c70 = FloatVector.fromArray(S, from, fo + 7 * fl);
        FloatVector c71 = FloatVector.fromArray(S, from, fo + 7 * fl + L);
        for (int p = 0; p < k; p++) {
            int bi = bo + p * NR;
            FloatVector b0 = FloatVector.fromArray(S, pb, bi);
            FloatVector b1 = FloatVector.fromArray(S, pb, bi + L);
            FloatVector a = FloatVector.broadcast(S, pa[ao + p]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(S, pa[ao + ROW_STRIDE + p]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(S, pa[ao + 2 * ROW_STRIDE + p]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(S, pa[ao + 3 * ROW_STRIDE + p]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
            a = FloatVector.broadcast(S, pa[ao + 4 * ROW_STRIDE + p]);
            c40 = a.fma(b0, c40);
            c41 = a.fma(b1, c41);
            a = FloatVector.broadcast(S, pa[ao + 5 * ROW_STRIDE + p]);
            c50 = a.fma(b0, c50);
            c51 = a.fma(b1, c51);
            a = FloatVector.broadcast(S, pa[ao + 6 * ROW_STRIDE + p]);
            c60 = a.fma(b0, c60);
            c61 = a.fma(b1, c61);
            a = FloatVector.broadcast(S, pa[ao + 7 * ROW_STRIDE + p]);
            c70 = a.fma(b0, c70);
            c71 = a.fma(b1, c71);
        }
        c00.intoArray(c, co);
        c01.intoArray(c, co + L);
        c10.intoArray(c, co + ldc);
        c11.intoArray(c, co + ldc + L);
        c20.intoArray(c, co + 2 * ldc);
        c21.intoArray(c, co + 2 * ldc + L);
        c30.intoArray(c, co + 3 * ldc);
        c31.intoArray(c, co + 3 * ldc + L);
        c40.intoArray(c, co + 4 * ldc);
        c41.intoArray(c, co + 4 * ldc + L);
        c50.intoArray(c, co + 5 * ldc);
        c51.intoArray(c, co + 5 * ldc + L);
        c60.intoArray(c, co + 6 * ldc);
        c61.intoArray(c, co + 6 * ldc + L);
        c70.intoArray(c, co + 7 * ldc);
        c71.intoArray(c, co + 7 * ldc + L);
    }

    /**
     * {@link #micro} with row r of A' at {@code rows[ao + r lda + p]}: A's rows read in place. A
     * copy, not a shared method with a stride argument: the variable stride cost the loop its
     * hoisted bounds checks (4-7% slower in either use).
     */
    private static void microRows(float[] rows, int ao, int lda, float[] pb, int bo, int k, float[] from, int fo,
                                  int fl, float[] c, int co, int ldc) {
        FloatVector c00 = FloatVector.fromArray(S, from, fo);
        FloatVector c01 = FloatVector.fromArray(S, from, fo + L);
        FloatVector c10 = FloatVector.fromArray(S, from, fo + fl);
        FloatVector c11 = FloatVector.fromArray(S, from, fo + fl + L);
        FloatVector c20 = FloatVector.fromArray(S, from, fo + 2 * fl);
        FloatVector c21 = FloatVector.fromArray(S, from, fo + 2 * fl + L);
        FloatVector c30 = FloatVector.fromArray(S, from, fo + 3 * fl);
        FloatVector c31 = FloatVector.fromArray(S, from, fo + 3 * fl + L);
        FloatVector c40 = FloatVector.fromArray(S, from, fo + 4 * fl);
        FloatVector c41 = FloatVector.fromArray(S, from, fo + 4 * fl + L);
        FloatVector c50 = FloatVector.fromArray(S, from, fo + 5 * fl);
        FloatVector c51 = FloatVector.fromArray(S, from, fo + 5 * fl + L);
        FloatVector c60 = FloatVector.fromArray(S, from, fo + 6 * fl);
        FloatVector c61 = FloatVector.fromArray(S, from, fo + 6 * fl + L);
        FloatVector c70 = FloatVector.fromArray(S, from, fo + 7 * fl);
        FloatVector c71 = FloatVector.fromArray(S, from, fo + 7 * fl + L);
        int a0 = ao;
        int a1 = ao + lda;
        int a2 = ao + 2 * lda;
        int a3 = ao + 3 * lda;
        int a4 = ao + 4 * lda;
        int a5 = ao + 5 * lda;
        int a6 = ao + 6 * lda;
        int a7 = ao + 7 * lda;
        for (int p = 0; p < k; p++) {
            int bi = bo + p * NR;
            FloatVector b0 = FloatVector.fromArray(S, pb, bi);
            FloatVector b1 = FloatVector.fromArray(S, pb, bi + L);
            FloatVector a = FloatVector.broadcast(S, rows[a0 + p]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(S, rows[a1 + p]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(S, rows[a2 + p]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(S, rows[a3 + p]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
            a = FloatVector.broadcast(S, rows[a4 + p]);
            c40 = a.fma(b0, c40);
            c41 = a.fma(b1, c41);
            a = FloatVector.broadcast(S, rows[a5 + p]);
            c50 = a.fma(b0, c50);
            c51 = a.fma(b1, c51);
            a = FloatVector.broadcast(S, rows[a6 + p]);
            c60 = a.fma(b0, c60);
            c61 = a.fma(b1, c61);
            a = FloatVector.broadcast(S, rows[a7 + p]);
            c70 = a.fma(b0, c70);
            c71 = a.fma(b1, c71);
        }
        c00.intoArray(c, co);
        c01.intoArray(c, co + L);
        c10.intoArray(c, co + ldc);
        c11.intoArray(c, co + ldc + L);
        c20.intoArray(c, co + 2 * ldc);
        c21.intoArray(c, co + 2 * ldc + L);
        c30.intoArray(c, co + 3 * ldc);
        c31.intoArray(c, co + 3 * ldc + L);
        c40.intoArray(c, co + 4 * ldc);
        c41.intoArray(c, co + 4 * ldc + L);
        c50.intoArray(c, co + 5 * ldc);
        c51.intoArray(c, co + 5 * ldc + L);
        c60.intoArray(c, co + 6 * ldc);
        c61.intoArray(c, co + 6 * ldc + L);
        c70.intoArray(c, co + 7 * ldc);
        c71.intoArray(c, co + 7 * ldc + L);
    }

    /**
     * The register tile over the terms {@code p = terms[t0], ..., terms[t1 - 1]} only (a block's
     * {@link Support}): A' at {@code pa[MR t + r]} (packed per term), B' at {@code pb[bo + NR p]}.
     * Not one method with {@link #microRows}: terms read from a list, every p included, cost the
     * training's forward product 15% (the bounds checks of B' are no longer hoisted), and runs of
     * consecutive p as an inner loop made C2 on JDK 17 box the accumulators (30 times slower).
     */
    private static void microTerms(float[] pa, float[] pb, int bo, int[] terms, int t0, int t1,
                                   float[] from, int fo, int fl, float[] c, int co, int ldc) {
        FloatVector c00 = FloatVector.fromArray(S, from, fo);
        FloatVector c01 = FloatVector.fromArray(S, from, fo + L);
        FloatVector c10 = FloatVector.fromArray(S, from, fo + fl);
        FloatVector c11 = FloatVector.fromArray(S, from, fo + fl + L);
        FloatVector c20 = FloatVector.fromArray(S, from, fo + 2 * fl);
        FloatVector c21 = FloatVector.fromArray(S, from, fo + 2 * fl + L);
        FloatVector c30 = FloatVector.fromArray(S, from, fo + 3 * fl);
        FloatVector c31 = FloatVector.fromArray(S, from, fo + 3 * fl + L);
        FloatVector c40 = FloatVector.fromArray(S, from, fo + 4 * fl);
        FloatVector c41 = FloatVector.fromArray(S, from, fo + 4 * fl + L);
        FloatVector c50 = FloatVector.fromArray(S, from, fo + 5 * fl);
        FloatVector c51 = FloatVector.fromArray(S, from, fo + 5 * fl + L);
        FloatVector c60 = FloatVector.fromArray(S, from, fo + 6 * fl);
        FloatVector c61 = FloatVector.fromArray(S, from, fo + 6 * fl + L);
        FloatVector c70 = FloatVector.fromArray(S, from, fo + 7 * fl);
        FloatVector c71 = FloatVector.fromArray(S, from, fo + 7 * fl + L);
        for (int t = t0; t < t1; t++) {
            int bi = bo + terms[t] * NR;
            int ai = t * MR;
            FloatVector b0 = FloatVector.fromArray(S, pb, bi);
            FloatVector b1 = FloatVector.fromArray(S, pb, bi + L);
            FloatVector a = FloatVector.broadcast(S, pa[ai]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(S, pa[ai + 1]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(S, pa[ai + 2]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(S, pa[ai + 3]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
            a = FloatVector.broadcast(S, pa[ai + 4]);
            c40 = a.fma(b0, c40);
            c41 = a.fma(b1, c41);
            a = FloatVector.broadcast(S, pa[ai + 5]);
            c50 = a.fma(b0, c50);
            c51 = a.fma(b1, c51);
            a = FloatVector.broadcast(S, pa[ai + 6]);
            c60 = a.fma(b0, c60);
            c61 = a.fma(b1, c61);
            a = FloatVector.broadcast(S, pa[ai + 7]);
            c70 = a.fma(b0, c70);
            c71 = a.fma(b1, c71);
        }
        c00.intoArray(c, co);
        c01.intoArray(c, co + L);
        c10.intoArray(c, co + ldc);
        c11.intoArray(c, co + ldc + L);
        c20.intoArray(c, co + 2 * ldc);
        c21.intoArray(c, co + 2 * ldc + L);
        c30.intoArray(c, co + 3 * ldc);
        c31.intoArray(c, co + 3 * ldc + L);
        c40.intoArray(c, co + 4 * ldc);
        c41.intoArray(c, co + 4 * ldc + L);
        c50.intoArray(c, co + 5 * ldc);
        c51.intoArray(c, co + 5 * ldc + L);
        c60.intoArray(c, co + 6 * ldc);
        c61.intoArray(c, co + 6 * ldc + L);
        c70.intoArray(c, co + 7 * ldc);
        c71.intoArray(c, co + 7 * ldc + L);
    }

    @Override
    public void biasActivation(Tensor z, Tensor bias, Activation f, int rows, int cols) {
        if (!isF32(z) || (f != Activation.RELU && f != Activation.LINEAR)) {
            scalar.biasActivation(z, bias, f, rows, cols);
            return;
        }
        // The products' epilogue, row by row.
        Epilogue epilogue = Epilogue.of(bias, f, cols);
        if (epilogue == null) {
            return;
        }
        float[] zv = f32(z);
        split(rows, rows * cols, (member, members) -> {
            for (int i = share(rows, member, members); i < share(rows, member + 1, members); i++) {
                epilogue.apply(zv, i * cols, 0, cols);
            }
        });
    }

    /**
     * Fewer entries than this are worked by the caller alone: handing them to the team costs more.
     * A training batch's 128 x 784 relu mask and bias-gradient sums took 17 and 36-72 us on two
     * threads against 12 and 8-19 us on one (their inputs were written by the other thread too).
     */
    private static final int TEAM_MIN = 1 << 18;

    /**
     * Runs {@code job} on every member of the team when {@code work} entries are worth sharing,
     * else on the caller alone as member 0 of 1. Only for element-wise work and sums that each
     * member owns whole, so the split never changes a bit.
     */
    private void split(int count, int work, Part part) {
        if (work < TEAM_MIN || pool.size() == 1 || count < pool.size()) {
            part.run(0, 1);
        } else {
            pool.run((member, team) -> part.run(member, team.size()));
        }
    }

    /** Member {@code member}'s part of an element-wise job shared by {@code members}. */
    private interface Part {
        void run(int member, int members);
    }

    @Override
    public void activationBackward(Tensor y, Activation f, Tensor g, int size) {
        if (f == Activation.LINEAR) {
            return;
        }
        if (!isF32(g) || f != Activation.RELU) {
            scalar.activationBackward(y, f, g, size);
            return;
        }
        float[] yv = f32(y);
        float[] gv = f32(g);
        split(size, size, (member, members) -> {
            int from = Team.share(size, member, members);
            int to = Team.share(size, member + 1, members);
            int vecEnd = from + S.loopBound(to - from);
            FloatVector zero = FloatVector.zero(S);
            int i = from;
            for (; i < vecEnd; i += L) {
                VectorMask<Float> off = FloatVector.fromArray(S, yv, i).compare(VectorOperators.GT, 0f).not();
                FloatVector.fromArray(S, gv, i).blend(zero, off).intoArray(gv, i);
            }
            for (; i < to; i++) {
                gv[i] = yv[i] > 0f ? gv[i] : 0f;
            }
        });
    }

    @Override
    public void columnSums(Tensor g, int rows, int cols, Tensor out) {
        if (!isF32(g)) {
            scalar.columnSums(g, rows, cols, out);
            return;
        }
        float[] gv = f32(g);
        float[] ov = f32(out);
        // Each member sums its own columns; row by row into the output (no vector carried across
        // iterations: C2 keeps it unboxed).
        split(cols, rows * cols, (member, members) -> {
            int from = Team.share(cols, member, members);
            int to = Team.share(cols, member + 1, members);
            java.util.Arrays.fill(ov, from, to, 0f);
            int vecEnd = from + S.loopBound(to - from);
            for (int i = 0; i < rows; i++) {
                int row = i * cols;
                int j = from;
                for (; j < vecEnd; j += L) {
                    FloatVector.fromArray(S, ov, j).add(FloatVector.fromArray(S, gv, row + j)).intoArray(ov, j);
                }
                for (; j < to; j++) {
                    ov[j] += gv[row + j];
                }
            }
        });
    }

    @Override
    public double sumOfSquares(Tensor t) {
        if (!isF32(t) || ScalarKernels.PARTIALS % L != 0) {
            return scalar.sumOfSquares(t);
        }
        // The 16 partial sums live in an array of 16 floats, updated by vectors of the one species
        // every kernel uses (16 / L of them per 16 entries: the same chains whatever the width; no
        // vector carried across iterations, so C2 keeps them unboxed).
        float[] x = f32(t);
        float[] acc = new float[ScalarKernels.PARTIALS];
        int end = x.length - x.length % ScalarKernels.PARTIALS;
        for (int i = 0; i < end; i += ScalarKernels.PARTIALS) {
            for (int h = 0; h < ScalarKernels.PARTIALS; h += L) {
                FloatVector e = FloatVector.fromArray(S, x, i + h);
                e.fma(e, FloatVector.fromArray(S, acc, h)).intoArray(acc, h);
            }
        }
        double[] partials = new double[ScalarKernels.PARTIALS];
        for (int j = 0; j < partials.length; j++) {
            partials[j] = acc[j];
        }
        return ScalarKernels.squaresFrom(t, end, partials);
    }

    @Override
    public void close() {
        pool.close();
    }
}
