/* A step's gradient messages between two ranks, from C: the window tagger's 97,500-number hidden layer, 16,000
 * numbers of the rest and a 316-number header, every step, after STEP_MS of busy work.
 *   mpicc -O2 -o /tmp/swap tests/NlpSymbolic.Benchmarks/Mpi/swap.c
 *   mpiexec.mpich -n 2 /tmp/swap MODE STEPS STEP_MS
 * MODE 0: three collectives (an all-gather and two all-reduces, MPICH's own waits), as the trainer did before;
 * 1: one round of MPI_Isend/MPI_Irecv and MPI_Waitall, each rank adding; 2: one all-reduce of the hidden layer
 * alone; 3: one round, waiting with sched_yield between MPI_Testall polls, as the trainer does after 1 ms. */
#include <mpi.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
static double now(){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec+t.tv_nsec*1e-9;}
static double cpu(){struct timespec t;clock_gettime(CLOCK_PROCESS_CPUTIME_ID,&t);return t.tv_sec+t.tv_nsec*1e-9;}
static volatile double sink;
static void work(double ms){double t=now()+ms*1e-3;double s=0;while(now()<t)for(int i=0;i<1000;i++)s+=i*1e-9;sink=s;}
int main(int argc,char**argv){
  MPI_Init(&argc,&argv);int r,n;MPI_Comm_rank(MPI_COMM_WORLD,&r);MPI_Comm_size(MPI_COMM_WORLD,&n);
  int mode=atoi(argv[1]); int iters=atoi(argv[2]); double ms=atof(argv[3]);
  int big=97500, small=16000, hdr=16+300;
  double *a=malloc(big*8),*b=malloc(big*8),*c=malloc(small*8),*d=malloc(small*8),*h=malloc(2*hdr*8);
  for(int i=0;i<big;i++)a[i]=i*1e-3+r; for(int i=0;i<small;i++)c[i]=i;
  MPI_Barrier(MPI_COMM_WORLD);
  double t0=now(),c0=cpu(),comm=0;
  for(int it=0;it<iters;it++){
    work(ms);
    double t1=now();
    if(mode==0){ /* current: allgather + 2 allreduce */
      MPI_Allgather(MPI_IN_PLACE,0,MPI_DOUBLE,h,hdr,MPI_DOUBLE,MPI_COMM_WORLD);
      MPI_Allreduce(MPI_IN_PLACE,a,big,MPI_DOUBLE,MPI_SUM,MPI_COMM_WORLD);
      MPI_Allreduce(MPI_IN_PLACE,c,small,MPI_DOUBLE,MPI_SUM,MPI_COMM_WORLD);
    } else if(mode==1){ /* one round: isend/irecv both, add locally */
      MPI_Request q[4]; int p=1-r;
      MPI_Irecv(b,big,MPI_DOUBLE,p,1,MPI_COMM_WORLD,&q[0]);
      MPI_Irecv(d,small,MPI_DOUBLE,p,2,MPI_COMM_WORLD,&q[1]);
      MPI_Isend(a,big,MPI_DOUBLE,p,1,MPI_COMM_WORLD,&q[2]);
      MPI_Isend(c,small,MPI_DOUBLE,p,2,MPI_COMM_WORLD,&q[3]);
      { MPI_Status s[4]; MPI_Waitall(4,q,s); }
      for(int i=0;i<big;i++)a[i]=a[i]+b[i]; for(int i=0;i<small;i++)c[i]=c[i]+d[i];
    } else if(mode==2){ /* one allreduce of everything */
      MPI_Allreduce(MPI_IN_PLACE,a,big,MPI_DOUBLE,MPI_SUM,MPI_COMM_WORLD);
    } else if(mode==3){ /* one round, wait with sched_yield */
      MPI_Request q[4]; int p=1-r;
      MPI_Irecv(b,big,MPI_DOUBLE,p,1,MPI_COMM_WORLD,&q[0]);
      MPI_Irecv(d,small,MPI_DOUBLE,p,2,MPI_COMM_WORLD,&q[1]);
      MPI_Isend(a,big,MPI_DOUBLE,p,1,MPI_COMM_WORLD,&q[2]);
      MPI_Isend(c,small,MPI_DOUBLE,p,2,MPI_COMM_WORLD,&q[3]);
      int done=0; while(1){MPI_Testall(4,q,&done,MPI_STATUSES_IGNORE); if(done)break; sched_yield();}
      for(int i=0;i<big;i++)a[i]=a[i]+b[i]; for(int i=0;i<small;i++)c[i]=c[i]+d[i];
    }
    for(int i=0;i<big;i++)a[i]=i*1e-3+r; for(int i=0;i<small;i++)c[i]=i;
    comm+=now()-t1;
  }
  double t=now()-t0, cp=cpu()-c0;
  printf("mode %d rank %d: %.1f us/iter total, %.1f us/iter comm, cpu %.2f s of %.2f s\n",mode,r,t/iters*1e6,comm/iters*1e6,cp,t);
  MPI_Finalize();
}
