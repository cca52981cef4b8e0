/* The yardstick for the trainer's gradient exchange: MPI_Allreduce (MPI_SUM) of N doubles, as MPICH does it.
 *
 *   mpicc -O2 -o /tmp/allreduce tests/NlpSymbolic.Benchmarks/Mpi/allreduce.c
 *   mpiexec.mpich -n 2 /tmp/allreduce 113000 400
 *
 * Prints, from rank 0, the median and mean time of one call over the repeats (after 20 warm-up calls). */
#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>

static int compare(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv) {
    MPI_Init(&argc, &argv);
    int rank;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    int n = argc > 1 ? atoi(argv[1]) : 113000;
    int repeats = argc > 2 ? atoi(argv[2]) : 400;
    double *send = malloc(sizeof(double) * n), *receive = malloc(sizeof(double) * n);
    double *times = malloc(sizeof(double) * repeats);
    for (int i = 0; i < n; i++) send[i] = 1e-3 * ((i * 7919 + rank * 104729) % 1000);
    for (int i = 0; i < 20; i++) MPI_Allreduce(send, receive, n, MPI_DOUBLE, MPI_SUM, MPI_COMM_WORLD);
    double total = 0;
    for (int r = 0; r < repeats; r++) {
        MPI_Barrier(MPI_COMM_WORLD);
        double start = MPI_Wtime();
        MPI_Allreduce(send, receive, n, MPI_DOUBLE, MPI_SUM, MPI_COMM_WORLD);
        times[r] = MPI_Wtime() - start;
        total += times[r];
    }
    qsort(times, repeats, sizeof(double), compare);
    if (rank == 0)
        printf("C MPI_Allreduce: %d doubles, median %.1f us, mean %.1f us per call (%d calls)\n",
               n, 1e6 * times[repeats / 2], 1e6 * total / repeats, repeats);
    free(send); free(receive); free(times);
    MPI_Finalize();
    return 0;
}
